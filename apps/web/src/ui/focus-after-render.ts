import { useEffect, useRef } from 'react';

/**
 * Moves focus to an element by id once it is on the page. The element is usually rendered by the same state change that
 * asks for focus, so the request is kept until a render has committed it; an animation frame stands in when nothing renders.
 */
export function useFocusAfterRender(): (id: string) => void {
  const wanted = useRef<string | null>(null);
  const focusIfPresent = () => {
    const id = wanted.current;
    const element = id === null ? null : document.getElementById(id);
    if (!element) return;
    wanted.current = null;
    element.focus();
  };
  useEffect(focusIfPresent);
  return (id: string) => {
    wanted.current = id;
    requestAnimationFrame(focusIfPresent);
  };
}
