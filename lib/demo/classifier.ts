import { EXAMPLES, type LabelledTicket, type TicketLabel } from "./examples";

// A tiny multinomial naive Bayes ticket classifier, trained at start from the labelled examples.
// Two flavours stand in for two model versions: "unigram" (champion) and "bigram" (challenger,
// trained on more examples with extra features), so they agree on most tickets but not all.

export type Flavor = "unigram" | "bigram";

export interface Classifier {
  predict(text: string): { label: TicketLabel; score: number };
}

export function trainClassifier(flavor: Flavor, examples: LabelledTicket[] = EXAMPLES): Classifier {
  const training = flavor === "unigram" ? examples.slice(0, 24) : examples;
  const alpha = flavor === "unigram" ? 1 : 0.5;
  const labels = [...new Set(training.map((e) => e.label))];
  const docCount = new Map<TicketLabel, number>();
  const tokenCount = new Map<TicketLabel, Map<string, number>>();
  const totalTokens = new Map<TicketLabel, number>();
  const vocab = new Set<string>();
  for (const e of training) {
    docCount.set(e.label, (docCount.get(e.label) ?? 0) + 1);
    const counts = tokenCount.get(e.label) ?? new Map<string, number>();
    tokenCount.set(e.label, counts);
    for (const t of features(e.text, flavor)) {
      counts.set(t, (counts.get(t) ?? 0) + 1);
      totalTokens.set(e.label, (totalTokens.get(e.label) ?? 0) + 1);
      vocab.add(t);
    }
  }
  return {
    predict(text) {
      const tokens = features(text, flavor);
      const logs = labels.map((label) => {
        const counts = tokenCount.get(label)!;
        const denom = (totalTokens.get(label) ?? 0) + alpha * vocab.size;
        let lp = Math.log((docCount.get(label) ?? 0) / training.length);
        for (const t of tokens) lp += Math.log(((counts.get(t) ?? 0) + alpha) / denom);
        return lp;
      });
      const max = Math.max(...logs);
      const exps = logs.map((l) => Math.exp(l - max));
      const sum = exps.reduce((a, b) => a + b, 0);
      const best = exps.indexOf(Math.max(...exps));
      return { label: labels[best], score: Math.round((exps[best] / sum) * 1000) / 1000 };
    },
  };
}

function features(text: string, flavor: Flavor): string[] {
  const words = text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  const stems = words.filter((w) => w.length > 2).map((w) => w.replace(/(ing|ed|es|s)$/, ""));
  if (flavor === "unigram") return stems;
  const bigrams = stems.slice(1).map((w, i) => `${stems[i]}_${w}`);
  return [...stems, ...bigrams];
}
