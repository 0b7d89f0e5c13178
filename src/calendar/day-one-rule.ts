/**
 * Which day is the first of a period counted in days (#17 item 5).
 *
 * The rule applied: the day the period starts (the acceptance day of a receipt,
 * the day a step started) is counted, unless a regulation text says "the day of
 * acceptance is not counted" ("День приема документов не входит в срок").
 *
 * It is an ASSUMPTION: none of the texts we hold (the five seed acts) says how a
 * period is computed. They cite the Law "On state services" of 15.04.2013 and
 * the Law "On local state administration" of 23.01.2001 only as their basis; the
 * rule for computing periods of that time (the Law "On administrative procedures"
 * of 27.11.2000, later the Administrative Procedural Code, in force from
 * 01.07.2021) is not among them. The Astana text counts its service term "from the
 * moment the documents were handed over" ("құжаттарды тапсырған сәттен бастап",
 * seed 000), which agrees with counting the receipt day, but does not say so
 * of day counts in general. Only one text excludes the acceptance day, and only
 * on its State Corporation route (Kostanay duplicates, para 8, 2)).
 *
 * The wording avoids naming "day 1": the explanation names the first counted
 * day once, next to this rule.
 */
export const DAY_ONE_RULE = {
  en: 'ASSUMPTION, no text we hold says how a period is counted: the day a period starts counts in it unless a text says the day of acceptance is not counted',
  ru: 'ДОПУЩЕНИЕ, ни один из имеющихся текстов не устанавливает порядок исчисления сроков: день начала срока входит в срок, если текст не говорит, что день приема документов не входит в срок',
  kk: 'БОЛЖАМ, қолдағы мәтіндердің ешқайсысы мерзімді есептеу тәртібін белгілемейді: мерзім басталған күн мерзімге кіреді, егер мәтінде құжаттарды қабылдау күні мерзімге кірмейді деп айтылмаса',
} as const;
