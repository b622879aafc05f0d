import type { Metadata } from "next";
import { CompassIcon } from "@/components/icons";
import { PageFrame } from "@/components/page-frame";
import { Panel } from "@/components/panel";

export const metadata: Metadata = { title: "Page not found", description: "There is nothing at this address." };

/** Prerendered, so it cannot know the visitor: the header offers signing in, as on the home page. */
export default function NotFound() {
  return (
    <PageFrame>
      <Panel icon={<CompassIcon />} title="Page not found">
        <p>There is nothing at this address. It may have moved, or the link may be wrong.</p>
        <div className="actions">
          <a className="button button-primary" href="/">
            Go to the home page
          </a>
        </div>
      </Panel>
    </PageFrame>
  );
}
