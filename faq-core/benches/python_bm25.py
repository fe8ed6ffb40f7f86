"""faqbot against a Python BM25 over syllable bigrams with an inverted index, on one FAQ, in one run.

The FAQ is built from the Chatbot_data set (one entry per distinct question of ChatbotData.csv), and
500 of its questions, drawn with a fixed seed, are asked as written and with their spaces taken out.
The Python side ranks entries the way a hand-written baseline does: BM25 (k1 1.2, b 0.75) over the
syllable bigrams of the text without spaces, through an inverted index, entries ranked by their best
phrasing, all sorted, the best score divided by the question's idf mass. faqbot's time is the
`latency_us_p50` of `faqbot eval`, which times `Matcher::ask`. Both are medians of one pass over the
questions; the script repeats the pair of measurements and reports every ratio and their median,
since timings on a shared machine move between runs.

usage: python3 faq-core/benches/python_bm25.py FAQBOT_BIN ChatbotData.csv [ROUNDS]

Writes its FAQ and question files to a temporary directory; the data set is not copied anywhere else.
"""

import csv
import json
import math
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path


def normalize(s):
    return re.sub(r"[^\w\s]", " ", unicodedata.normalize("NFKC", s).lower())


def bigrams(s):
    t = re.sub(r"\s+", "", normalize(s))
    return [t[i : i + 2] for i in range(len(t) - 1)] or [t]


class Bm25:
    def __init__(self, entries, k1=1.2, b=0.75):
        self.k1, self.b = k1, b
        self.owner = [e["id"] for e in entries]
        docs = [Counter(bigrams(e["question"])) for e in entries]
        self.lens = [sum(d.values()) for d in docs]
        self.avg = sum(self.lens) / len(self.lens)
        self.postings = defaultdict(list)
        for j, d in enumerate(docs):
            for t, tf in d.items():
                self.postings[t].append((j, tf))
        n = len(docs)
        self.idf = {t: math.log(1 + (n - len(p) + 0.5) / (len(p) + 0.5)) for t, p in self.postings.items()}

    def best(self, question):
        terms = set(bigrams(question))
        scores = defaultdict(float)
        for t in terms:
            for j, tf in self.postings.get(t, ()):
                norm = tf + self.k1 * (1 - self.b + self.b * self.lens[j] / self.avg)
                scores[j] += self.idf[t] * tf * (self.k1 + 1) / norm
        by_entry = {}
        for j, s in scores.items():
            o = self.owner[j]
            if s > by_entry.get(o, 0.0):
                by_entry[o] = s
        ranked = sorted(by_entry.items(), key=lambda x: -x[1])
        mass = max(1e-9, sum(self.idf.get(t, 0.0) for t in terms))
        return (ranked[0][0], ranked[0][1] / mass) if ranked else None


def python_p50(bm25, cases):
    times = []
    for question, _ in cases:
        start = time.perf_counter()
        bm25.best(question)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1e6


def faqbot_p50(binary, faq, cases_file):
    out = subprocess.run(
        [binary, "eval", "--faq", str(faq), "--cases", str(cases_file), "--json"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out)["latency_us_p50"]


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    binary, csv_path = sys.argv[1], sys.argv[2]
    rounds = int(sys.argv[3]) if len(sys.argv) == 4 else 5
    entries, seen = [], set()
    with open(csv_path, encoding="utf-8") as f:
        for i, row in enumerate(csv.DictReader(f)):
            q = row["Q"].strip()
            if q and q not in seen:
                seen.add(q)
                entries.append({"id": f"c{i}", "question": q, "answer": row["A"].strip() or "-"})
    random.seed(7)
    sample = random.sample(entries, 500)
    bm25 = Bm25(entries)
    with tempfile.TemporaryDirectory() as tmp:
        faq = Path(tmp) / "faq.json"
        faq.write_text(json.dumps({"entries": entries}, ensure_ascii=False), encoding="utf-8")
        print(f"FAQ: {len(entries)} entries from {csv_path}; 500 questions; {rounds} rounds")
        for name, rewrite in [("as written", lambda q: q), ("without spaces", lambda q: re.sub(r"\s+", "", q))]:
            cases = [(rewrite(e["question"]), e["id"]) for e in sample]
            cases_file = Path(tmp) / "cases.tsv"
            cases_file.write_text(
                "query\texpected\tstyle\n" + "".join(f"{q}\t{i}\tchat\n" for q, i in cases), encoding="utf-8"
            )
            ratios = []
            for _ in range(rounds):
                py = python_p50(bm25, cases)
                rs = faqbot_p50(binary, faq, cases_file)
                ratios.append(py / rs)
                print(f"  {name}: python {py:.0f} us, faqbot {rs:.1f} us, {py / rs:.1f}x")
            print(f"{name}: median {statistics.median(ratios):.1f}x faster than the Python BM25")


if __name__ == "__main__":
    main()
