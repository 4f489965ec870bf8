// Plain-language meanings of the terms the pages use.

import { h } from "../dom";

const terms: [string, string, string][] = [
  ["lsoa", "LSOA (small area)", "A Lower-layer Super Output Area: one of 32,844 small areas of England, each home to about 1,500 people, that official statistics are published for. A neighbourhood here is a group of LSOAs."],
  ["ci", "Confidence interval", "The range the true value probably lies in, given that the figure is estimated from a limited number of people or events. A 95% interval would contain the true value 95 times in 100. Wide intervals mean an uncertain figure."],
  ["significance", "Better, similar, worse (significance)", "Whether a neighbourhood differs from England by more than chance would explain: “better” or “worse” when England's value lies outside the neighbourhood's interval (99.8% where shown), “similar” when inside. Measures without an interval are not compared."],
  ["rank-interval", "Rank interval", "The range of ranks a neighbourhood could take when the choices made in building an index (weights, methods) are varied: a narrow range means its position does not depend on those choices."],
  ["domain", "Domain", "One of the four parts of the resilience framework: living environment, economic systems, social relationships and community governance."],
  ["gap", "Coverage gap", "A domain of a neighbourhood that no activity or action is tagged to."],
  ["actor-map", "Actor map", "A network of the people and organisations working in a neighbourhood and the ties between them (who works with, funds or informs whom)."],
  ["bridge", "Bridging tie", "A tie between two actors of different sectors, such as a resident and the council: such ties carry information and influence across the system."],
  ["factor-map", "Factor map", "A map of what drives what in a neighbourhood: factors joined by links that push the same way (+) or the opposite way (−)."],
  ["loop", "Feedback loop", "A chain of links that returns to where it started. A reinforcing loop amplifies change (a vicious or virtuous circle); a balancing loop resists it."],
  ["imd", "Index of Multiple Deprivation (IMD)", "The government's measure of relative deprivation of small areas in England, combining income, employment, education, health, crime, barriers to housing and services, and living environment. Rank 1 is the most deprived."],
  ["suppression", "Suppressed results", "Survey results based on fewer than 10 responses are not shown, so that no one can be recognised from them."],
  ["classification", "Equal intervals", "The map's colours split the range from the lowest to the highest value into five classes of equal width."],
];

export async function glossary(main: HTMLElement): Promise<void> {
  main.append(
    h("h1", {}, "Glossary"),
    h("dl", { class: "glossary" }, terms.flatMap(([id, word, meaning]) => [h("dt", { id }, word), h("dd", {}, meaning)])),
  );
  const anchor = location.hash.split("#")[2];
  if (anchor) document.getElementById(anchor)?.scrollIntoView();
}
