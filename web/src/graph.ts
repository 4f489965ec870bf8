// Actor and factor maps drawn with Cytoscape.js (loaded only when a page draws one). Actors are sized by a
// chosen measure and coloured by sector, with ties that bridge two sectors drawn thick; factor links are
// solid when they push the same way (+) and dashed when the opposite way (−), and a feedback loop can be
// highlighted. Tables beside them carry the same content for people who cannot see the drawing.

import type { Row } from "./api";
import { categorical } from "./palette";

type Cy = import("cytoscape").Core;

async function cytoscape(): Promise<typeof import("cytoscape")> {
  return (await import("cytoscape")).default as unknown as typeof import("cytoscape");
}

export interface ActorGraph {
  cy: Cy;
  sectors: string[];
  resize(measure: string): void;
  bridges(on: boolean): void;
}

const pick = (r: Record<string, string>, ...keys: string[]): string => {
  for (const k of keys) if (r[k] !== undefined && r[k] !== "") return r[k];
  return "";
};

export async function actorGraph(
  container: HTMLElement,
  nodes: Record<string, string>[],
  edges: Record<string, string>[],
  measures: Row[],
): Promise<ActorGraph> {
  const cyto = await cytoscape();
  const sectors = [...new Set(nodes.map((n) => pick(n, "Sector", "sector") || "unknown"))].sort();
  const colour = (sector: string) => categorical[sectors.indexOf(sector) % categorical.length];
  const byNode = new Map(measures.map((m) => [String(m.node), m]));
  const sectorOf = new Map(nodes.map((n) => [pick(n, "Label", "node", "id"), pick(n, "Sector", "sector") || "unknown"]));
  const elements = [
    ...nodes.map((n) => {
      const id = pick(n, "Label", "node", "id");
      const sector = sectorOf.get(id)!;
      return { data: { id, name: pick(n, "Name", "name") || id, sector, colour: colour(sector), size: 20 } };
    }),
    ...edges.map((e, i) => {
      const source = pick(e, "From", "source");
      const target = pick(e, "To", "target");
      const bridge = sectorOf.get(source) !== sectorOf.get(target);
      return { data: { id: `e${i}`, source, target, bridge: bridge ? 1 : 0, type: pick(e, "Type", "type") } };
    }),
  ];
  const cy = cyto({
    container,
    elements,
    layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: () => 9000, idealEdgeLength: () => 60 } as never,
    style: [
      { selector: "node", style: { "background-color": "data(colour)", width: "data(size)", height: "data(size)", "border-width": 1, "border-color": "#222", label: "" } },
      { selector: "edge", style: { width: 1, "line-color": "#9aa3ad", "curve-style": "haystack", opacity: 0.7 } },
      { selector: "edge.bridge-on[bridge = 1]", style: { width: 3, "line-color": "#111", opacity: 0.9 } },
      { selector: "node:selected", style: { "border-width": 4, "border-color": "#000", label: "data(name)", "font-size": 11, "text-background-color": "#fff", "text-background-opacity": 1 } },
    ],
    wheelSensitivity: 0.3,
    minZoom: 0.2,
    maxZoom: 4,
  });
  const resize = (measure: string): void => {
    const vals = nodes.map((n) => Number(byNode.get(pick(n, "Label", "node", "id"))?.[measure] ?? 0));
    const max = Math.max(...vals, 1e-12);
    cy.nodes().forEach((node) => {
      const v = Number(byNode.get(node.id())?.[measure] ?? 0);
      node.data("size", 10 + 34 * Math.sqrt(Math.max(0, v) / max));
    });
  };
  const bridges = (on: boolean): void => {
    cy.edges().toggleClass("bridge-on", on);
  };
  return { cy, sectors, resize, bridges };
}

export interface FactorGraph {
  cy: Cy;
  highlight(factors: string[] | null): void;
}

export async function factorGraph(container: HTMLElement, nodes: Record<string, string>[], edges: Record<string, string>[]): Promise<FactorGraph> {
  const cyto = await cytoscape();
  const elements = [
    ...nodes.map((n) => ({ data: { id: pick(n, "Label", "node", "id"), name: pick(n, "Name", "name") || pick(n, "Label", "node") } })),
    ...edges.map((e, i) => ({ data: { id: `l${i}`, source: pick(e, "From", "source"), target: pick(e, "To", "target"), sign: pick(e, "Sign", "sign") } })),
  ];
  const cy = cyto({
    container,
    elements,
    layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: () => 20000, idealEdgeLength: () => 90 } as never,
    style: [
      {
        selector: "node",
        style: {
          "background-color": "#56B4E9",
          "border-color": "#222",
          "border-width": 1,
          label: "data(name)",
          "font-size": 10,
          "text-wrap": "wrap",
          "text-max-width": "90px",
          "text-valign": "bottom",
          color: "#111",
          width: 18,
          height: 18,
        },
      },
      { selector: "edge", style: { width: 1.5, "line-color": "#555", "target-arrow-color": "#555", "target-arrow-shape": "triangle", "curve-style": "bezier" } },
      { selector: "edge[sign = '-']", style: { "line-style": "dashed", "target-arrow-shape": "tee" } },
      { selector: ".faded", style: { opacity: 0.15 } },
      { selector: "node.loop", style: { "background-color": "#E69F00", width: 26, height: 26, "border-width": 3 } },
      { selector: "edge.loop", style: { width: 4, "line-color": "#D55E00", "target-arrow-color": "#D55E00" } },
    ],
    wheelSensitivity: 0.3,
    minZoom: 0.2,
    maxZoom: 4,
  });
  const highlight = (factors: string[] | null): void => {
    cy.elements().removeClass("faded loop");
    if (!factors) return;
    cy.elements().addClass("faded");
    for (let i = 0; i < factors.length; i++) {
      const a = factors[i];
      const b = factors[(i + 1) % factors.length];
      cy.getElementById(a).removeClass("faded").addClass("loop");
      cy.edges().filter((e) => e.source().id() === a && e.target().id() === b).removeClass("faded").addClass("loop");
    }
  };
  return { cy, highlight };
}
