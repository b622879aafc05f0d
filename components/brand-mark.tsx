/** The site's mark; app/icon.svg is the same drawing, as the favicon. */
export function BrandMark({ className }: { className?: string }) {
  return (
    <svg className={className} viewBox="0 0 32 32" width="28" height="28" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" fill="#0b57d0" />
      <path d="M9 22V10h3l6 7.4V10h3v12h-3l-6-7.4V22z" fill="#fff" />
    </svg>
  );
}
