import { WarningIcon } from "@/components/icons";
import { Panel } from "@/components/panel";

/** What a signed-in page shows while the database cannot answer (with a 503): plain HTML, no script needed. */
export function StoreUnavailable({ retryPath }: { retryPath: string }) {
  return (
    <Panel icon={<WarningIcon />} tone="danger" title="The database is out of reach">
      <p>Nametag can&rsquo;t reach its database right now, so this page cannot be shown. Nothing was changed.</p>
      <p>Please try again in a minute.</p>
      <div className="actions">
        <a className="button button-primary" href={retryPath}>
          Try again
        </a>
        <a className="button button-secondary" href="/">
          Home page
        </a>
      </div>
    </Panel>
  );
}
