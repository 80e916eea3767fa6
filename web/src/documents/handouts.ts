// The content of the demo handouts. A document's content lives outside the backend (`content_ref`, an object-store
// key or URL); the app ships a few handouts so a local run has something to annotate. Other references show as
// blank numbered pages.

export interface Handout {
  contentRef: string;
  title: string;
  /** Paragraphs of each page. */
  pages: string[][];
}

export const handouts: Handout[] = [
  {
    contentRef: "demo:water-cycle",
    title: "The water cycle",
    pages: [
      [
        "The water cycle",
        "Water moves between the oceans, the air and the land in a cycle driven by the sun. Heat turns water at the surface into vapour: evaporation. Plants add more through their leaves: transpiration.",
        "As warm, moist air rises it cools, and the vapour condenses on tiny particles of dust into droplets. Billions of droplets together form clouds.",
        "Task: highlight each stage of the cycle and add a comment explaining where the energy for it comes from.",
      ],
      [
        "Precipitation and collection",
        "When droplets join and grow heavy enough, they fall as rain, snow, sleet or hail. Most precipitation falls straight back into the oceans.",
        "On land, water runs off into streams and rivers, soaks into the soil to become groundwater, or is stored for a long time as ice in glaciers.",
        "Task: draw arrows showing two different paths a raindrop could take back to the ocean.",
      ],
    ],
  },
  {
    contentRef: "demo:persuasive-writing",
    title: "Persuasive writing",
    pages: [
      [
        "Persuasive writing",
        "A persuasive text argues for one point of view. It states a position, gives reasons backed by evidence, answers the strongest objection, and ends by calling the reader to act.",
        "Read the sample below and highlight the position, each reason and the call to action.",
      ],
      [
        "Sample: Our school should have a garden",
        "A school garden teaches us where food comes from. Students who grow vegetables are more likely to eat them, and the garden turns science lessons about soil and plants into something we can touch.",
        "Some say a garden costs too much. But seeds are cheap, parents have offered tools, and the produce could be sold at the school fair.",
        "Let us ask the board to set aside the empty corner by the hall this term.",
      ],
      [
        "Your turn",
        "Choose a change you would like at school. Write your position, two reasons with evidence, one objection with your answer, and a call to action. Use comment pins to plan each part before you write.",
      ],
    ],
  },
];

export function findHandout(contentRef: string): Handout | undefined {
  return handouts.find((h) => h.contentRef === contentRef);
}
