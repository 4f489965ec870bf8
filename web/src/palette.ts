// Colours chosen to stay distinguishable with the common colour-vision deficiencies and to keep WCAG AA
// contrast against white where they carry text: viridis for ordered classes, Okabe–Ito for categories, and
// for significance the national profiles' three-way comparison drawn in blue / yellow / red with a distinct
// marker shape for each, so that no meaning rests on colour alone.

export const sequential = ["#440154", "#3b528b", "#21918c", "#5ec962", "#fde725"];

export const categorical = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

export const significance: Record<string, { colour: string; shape: string; label: string }> = {
  better: { colour: "#2166ac", shape: "circle", label: "Better" },
  similar: { colour: "#f1c40f", shape: "square", label: "Similar" },
  worse: { colour: "#b2182b", shape: "triangle", label: "Worse" },
  none: { colour: "#ffffff", shape: "diamond", label: "Not compared" },
};

export function significanceKey(text: string | null | undefined): keyof typeof significance {
  const t = (text ?? "").toLowerCase();
  if (t.startsWith("better")) return "better";
  if (t.startsWith("worse")) return "worse";
  if (t.startsWith("similar")) return "similar";
  return "none";
}

// Equal-interval classes over [min, max]: the class of a value and each class's bounds.
export function equalIntervals(values: number[], k = 5): { breaks: number[]; classOf: (v: number) => number } {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const step = hi > lo ? (hi - lo) / k : 1;
  const breaks = Array.from({ length: k + 1 }, (_, i) => lo + i * step);
  return { breaks, classOf: (v) => Math.min(k - 1, Math.max(0, Math.floor((v - lo) / step))) };
}
