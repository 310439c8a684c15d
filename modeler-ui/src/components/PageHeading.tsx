import { useEffect, useRef } from 'react';
import { t } from '../i18n';

/**
 * The page's h1, which also names the browser tab. It takes the focus when the page opens, so
 * screen readers announce the new page after client-side navigation as after a full load.
 */
export function PageHeading({ title }: { title: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = t.app.documentTitle(title);
    heading.current?.focus({ preventScroll: true });
  }, [title]);
  return (
    <h1 ref={heading} tabIndex={-1} className="page-heading">
      {title}
    </h1>
  );
}
