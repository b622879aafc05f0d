export function DemoBadge() {
  return (
    <p className="demo-badge" role="note">
      Demo sign-in: accounts come from the local Google stand-in, not from Google.
    </p>
  );
}
