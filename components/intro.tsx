import { SignInButton } from "@/components/sign-in-button";
import styles from "./intro.module.css";

const steps = [
  { title: "Click “Sign in with Google”", text: "No password to make up: your Google account is enough." },
  { title: "Choose your account", text: "Google asks which account to use and tells us who you are." },
  { title: "Get your greeting", text: "A page that knows your name, and a session that ends when it should." },
];

/** The home page as a visitor who is not signed in sees it. */
export function Intro() {
  return (
    <>
      <section className={styles.hero}>
        <div className={styles.copy}>
          <p className={styles.eyebrow}>Google sign-in for Next.js</p>
          <h1 className={styles.title}>Sign in with Google, get a greeting.</h1>
          <p className={styles.lede}>
            One click, a round trip to Google, and a page that knows who you are. A small, complete example of doing it
            right with Auth.js.
          </p>
          <SignInButton />
          <p className={styles.fineprint}>We receive your name, email address and picture. Never your password.</p>
        </div>
        <figure className={`card ${styles.preview}`} aria-hidden="true">
          <div className={styles.previewBar}>
            <span />
            <span />
            <span />
          </div>
          <div className={styles.previewBody}>
            <span className={styles.previewAvatar}>AL</span>
            <p className={styles.previewHeading}>Hello, ada@example.com!</p>
            <p className={styles.previewText}>Signed in with Google as Ada Lovelace.</p>
          </div>
        </figure>
      </section>
      <section className={styles.steps} aria-labelledby="how-it-works">
        <h2 id="how-it-works" className={styles.stepsTitle}>
          How it works
        </h2>
        <ol className={styles.stepList}>
          {steps.map((step) => (
            <li key={step.title} className={styles.step}>
              <h3 className={styles.stepTitle}>{step.title}</h3>
              <p>{step.text}</p>
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
