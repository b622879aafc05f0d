import { formatRelative } from "@/lib/format-time";
import { deviceLabel } from "@/lib/security-events";
import { itWasMe, signItOut } from "@/server/new-device-actions";

/** "New sign-in: Firefox on Linux, 2 minutes ago", with its two answers; shown on the person's other devices. */
export function NewDeviceNotice({
  event,
  now,
  returnTo,
}: {
  event: { id: string; at: Date; browser: string | null; os: string | null };
  now: Date;
  returnTo: string;
}) {
  return (
    <section role="region" aria-label="New sign-in" className="card">
      <p>
        <strong>New sign-in:</strong> {deviceLabel(event)}, {formatRelative(event.at, now)}
      </p>
      {/* One form, two answers: each button posts the same fields to its own action. */}
      <form className="actions">
        <input type="hidden" name="eventId" value={event.id} />
        <input type="hidden" name="returnTo" value={returnTo} />
        <button type="submit" formAction={itWasMe} className="button button-secondary">
          It was me
        </button>
        <button type="submit" formAction={signItOut} className="button button-secondary">
          Sign it out
        </button>
      </form>
    </section>
  );
}
