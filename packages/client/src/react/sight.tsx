'use client';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';

/** Whether the widgets below are in sight; without a provider they always are. */
const SightContext = createContext(true);

/** True while the widget is on screen in a visible tab (see `InSight`). */
export function useInSight(): boolean {
  return useContext(SightContext);
}

/**
 * True while the element intersects the viewport and the tab is visible: an
 * IntersectionObserver for the one, `document.visibilityState` for the other.
 */
export function useElementInSight(element: Element | null): boolean {
  const [inView, setInView] = useState(true);
  const [tabVisible, setTabVisible] = useState(true);
  useEffect(() => {
    if (!element || typeof IntersectionObserver !== 'function') return;
    const observer = new IntersectionObserver((entries) => {
      const last = entries.at(-1);
      if (last) setInView(last.isIntersecting);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  useEffect(() => {
    if (typeof document === 'undefined') return;
    const update = () => setTabVisible(document.visibilityState !== 'hidden');
    update();
    document.addEventListener('visibilitychange', update);
    return () => document.removeEventListener('visibilitychange', update);
  }, []);
  return inView && tabVisible;
}

/**
 * Tells the widgets below whether `element` (the widget's box) is in sight:
 * their topics slow to one update per symbol per second while every widget
 * reading them is out of sight.
 */
export function InSight({ element, children }: { element: Element | null; children: ReactNode }) {
  const inSight = useElementInSight(element);
  return <SightContext.Provider value={inSight}>{children}</SightContext.Provider>;
}
