import type { ComponentChildren } from 'preact';

export type BannerKind = 'error' | 'warning' | 'info';

/** A message across the page; errors and warnings are announced to screen readers at once. */
export function Banner({ kind, children, title }: { kind: BannerKind; title?: string; children: ComponentChildren }) {
  return (
    <div class={`banner banner-${kind}`} role={kind === 'info' ? 'status' : 'alert'}>
      {title && <strong class="banner-title">{title} </strong>}
      {children}
    </div>
  );
}
