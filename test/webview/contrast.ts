/** One text element's contrast against what is drawn behind it. */
export interface ContrastReading {
  name: string;
  selector: string;
  ratio: number;
  foreground: string;
  background: string;
}

/** WCAG 2 AA for normal-size text. */
export const MIN_CONTRAST = 4.5;

/**
 * Runs in the page: for each named selector, the contrast ratio (WCAG 2) of every matching,
 * rendered element's text colour against its effective background, which is every ancestor's
 * background composited over the canvas, so transparent layers and alpha count as they do on
 * screen. A selector that matches nothing comes back with ratio 0, so a renamed element fails
 * loudly instead of passing unmeasured.
 */
export function measureContrast(targets: Record<string, string>): ContrastReading[] {
  type Rgba = [number, number, number, number];

  const parse = (css: string): Rgba => {
    const parts = css.match(/[\d.]+%?/g)?.map(Number.parseFloat) ?? [];
    if (!/^rgba?\(/.test(css) || parts.length < 3) {
      throw new Error(`Cannot read the colour ${css}`);
    }
    const alpha = parts[3] ?? 1;
    return [parts[0], parts[1], parts[2], css.includes('%)') ? alpha / 100 : alpha];
  };

  const over = (top: Rgba, bottom: Rgba): Rgba => {
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat(1) as Rgba;
  };

  const luminance = (color: Rgba): number => {
    const [r, g, b] = color.slice(0, 3).map((channel) => {
      const c = channel / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };

  const backgroundOf = (element: Element): Rgba => {
    const layers: Rgba[] = [];
    for (let node: Element | null = element; node; node = node.parentElement) {
      const layer = parse(getComputedStyle(node).backgroundColor);
      if (layer[3] > 0) {
        layers.push(layer);
      }
      if (layer[3] >= 1) {
        break;
      }
    }
    // The canvas below everything is white when no element paints an opaque background.
    return layers.reduceRight<Rgba>((below, layer) => over(layer, below), [255, 255, 255, 1]);
  };

  const opacityOf = (element: Element): number => {
    let opacity = 1;
    for (let node: Element | null = element; node; node = node.parentElement) {
      opacity *= Number(getComputedStyle(node).opacity);
    }
    return opacity;
  };

  const show = (color: Rgba) => `rgb(${color.slice(0, 3).map(Math.round).join(', ')})`;

  const read = (name: string, selector: string, element: Element): ContrastReading => {
    const background = backgroundOf(element);
    const text = parse(getComputedStyle(element).color);
    text[3] *= opacityOf(element);
    const foreground = over(text, background);
    const [light, dark] = [luminance(foreground), luminance(background)].sort((a, b) => b - a);
    const ratio = (light + 0.05) / (dark + 0.05);
    return { name, selector, ratio, foreground: show(foreground), background: show(background) };
  };

  return Object.entries(targets).flatMap(([name, selector]) => {
    const rendered = Array.from(document.querySelectorAll(selector)).filter(
      (element) => getComputedStyle(element).display !== 'none',
    );
    if (rendered.length === 0) {
      return [{ name, selector, ratio: 0, foreground: 'none', background: 'none' }];
    }
    return rendered.map((element) => read(name, selector, element));
  });
}
