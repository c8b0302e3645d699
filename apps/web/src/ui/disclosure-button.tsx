import type { ReactNode, Ref } from 'react';

/** A button that opens and closes the form it controls, announcing its state to assistive technology. */
export function DisclosureButton({ open, controls, onToggle, buttonRef, children }: {
  open: boolean;
  controls: string;
  onToggle: () => void;
  buttonRef?: Ref<HTMLButtonElement>;
  children: ReactNode;
}) {
  return (
    <button type="button" ref={buttonRef} className="button button--secondary" aria-expanded={open}
      aria-controls={open ? controls : undefined} onClick={onToggle}>
      {children}
    </button>
  );
}
