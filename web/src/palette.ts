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

// Quantile classes (k = 5: quintiles): each class holds about the same number of values, the usual choice for
// small-area deprivation maps, where a few extreme areas would otherwise leave most of the map one colour.
// Breaks are values taken from the data (the type 1 quantile, no interpolation).
export function quantiles(values: number[], k = 5): { breaks: number[]; classOf: (v: number) => number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
  const breaks = [sorted[0], ...Array.from({ length: k - 1 }, (_, i) => at((i + 1) / k)), sorted[sorted.length - 1]];
  return {
    breaks,
    classOf: (v) => {
      for (let i = 1; i < k; i++) if (v <= breaks[i]) return i - 1;
      return k - 1;
    },
  };
}
