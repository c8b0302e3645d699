import { useEffect, useRef, type ReactNode } from 'react';

/** The page's one h1. It takes focus when the page appears, so a screen reader starts here after navigation. */
export function PageHeading({ children, title }: { children: ReactNode; title: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  useEffect(() => {
    document.title = `${title} – Utväg`;
  }, [title]);
  return <h1 ref={heading} tabIndex={-1}>{children}</h1>;
}
