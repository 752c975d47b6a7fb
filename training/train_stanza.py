"""Train the embedded stanza models (tokenizer/sentence splitter, MWT expander, POS tagger,
lemmatizer) from the UD Indonesian treebanks with stanza's own trainers, then score them on the
UD test sets.

    python training/train_stanza.py --data ../shared/data --out models/id_stanza

Needs the ``stanza`` extra (``pip install -e '.[stanza]'``). The shared data holds no GSD
training split, so the models learn from CSUI train and GSD dev (all but the last 10 % of
each, which is the dev set that picks the checkpoints); GSD, CSUI and PUD test are never
seen. ``--out`` becomes a stanza resources directory (``resources.json`` and
``id/<processor>/project.pt`` for tokenize, mwt, pos and lemma), which the stanza backend loads
like the official models; ``scores.json`` holds the test scores. The tagger trains without
pretrained word vectors (``--no_pretrain``).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHORTHAND = "id_project"
PACKAGE = "project"  # the package name in resources.json: id/<processor>/project.pt
TRAIN = ("id_csui-ud-train.conllu", "id_gsd-ud-dev.conllu")
TESTS = ("id_gsd-ud-test.conllu", "id_csui-ud-test.conllu", "id_pud-ud-test.conllu")
DEV_SHARE = 0.1


def sentences(path: Path) -> list[str]:
    """The sentence blocks of a CoNLL-U file, each ending with its blank line."""
    blocks = path.read_text(encoding="utf-8").strip().split("\n\n")
    return [b.strip("\n") + "\n\n" for b in blocks if b.strip()]


def split(data: Path, work: Path) -> dict[str, Path]:
    """``train.conllu`` and ``dev.conllu`` in ``work``: each training file's last 10 % is dev."""
    train, dev = [], []
    for name in TRAIN:
        blocks = sentences(data / "ud" / name)
        cut = len(blocks) - max(1, int(len(blocks) * DEV_SHARE))
        train += blocks[:cut]
        dev += blocks[cut:]
    out = {}
    for name, blocks in (("train", train), ("dev", dev)):
        out[name] = work / f"{name}.conllu"
        out[name].write_text("".join(blocks), encoding="utf-8")
    return out


def tokenizer_files(conllu: Path) -> dict[str, Path]:
    """Raw text, character labels and MWT expansions for stanza's tokenizer trainer."""
    from stanza.utils.datasets import prepare_tokenizer_data
    from stanza.utils.datasets.conllu_to_text import convert_text

    stem = conllu.with_suffix("")
    files = {"txt": stem.with_suffix(".txt"), "labels": stem.with_suffix(".toklabels"), "mwt": stem.with_suffix(".mwt.json")}
    convert_text(str(conllu), str(files["txt"]))
    prepare_tokenizer_data.main([str(files["txt"]), str(conllu), "-o", str(files["labels"]), "-m", str(files["mwt"])])
    return files


def run(module: str, args: list[str], log: Path) -> float:
    """Run one stanza trainer as its own process (its log in ``log``); the minutes it took."""
    start = time.time()
    cmd = [sys.executable, "-m", module, *map(str, args)]
    print("$", " ".join(cmd), flush=True)
    with log.open("w") as f:
        proc = subprocess.run(cmd, stdout=f, stderr=subprocess.STDOUT)
    if proc.returncode:
        raise SystemExit(f"{module} failed (exit {proc.returncode}); see {log}")
    return round((time.time() - start) / 60, 1)


STAGES = ("tokenize", "mwt", "pos", "lemma")


def train(files: dict, out: Path, work: Path, a) -> dict[str, float]:
    """Train the stages named in ``a.stages`` (all by default); the minutes each took."""
    minutes = {}

    def common(stage: str, lang: bool = True) -> list:
        target = out / "id" / stage
        target.mkdir(parents=True, exist_ok=True)
        return ["--shorthand", SHORTHAND, "--save_dir", target, "--save_name", f"{PACKAGE}.pt", "--seed", a.seed,
                *(["--lang", "id"] if lang else [])]

    if "tokenize" in a.stages:
        tok_train, tok_dev = tokenizer_files(files["train"]), tokenizer_files(files["dev"])
        minutes["tokenize"] = run("stanza.models.tokenizer", [
            "--mode", "train", "--txt_file", tok_train["txt"], "--label_file", tok_train["labels"],
            "--mwt_json_file", tok_train["mwt"], "--dev_txt_file", tok_dev["txt"], "--dev_label_file", tok_dev["labels"],
            "--dev_conll_gold", files["dev"], "--conll_file", work / "dev.tokenize.conllu",
            "--steps", a.tokenizer_steps, *common("tokenize")], work / "tokenize.log")
    if "mwt" in a.stages:
        minutes["mwt"] = run("stanza.models.mwt_expander", [
            "--mode", "train", "--train_file", files["train"], "--eval_file", files["dev"],
            "--output_file", work / "dev.mwt.conllu", "--gold_file", files["dev"],
            "--num_epoch", a.mwt_epochs, *common("mwt")], work / "mwt.log")
    if "pos" in a.stages:
        minutes["pos"] = run("stanza.models.tagger", [
            "--mode", "train", "--train_file", files["train"], "--eval_file", files["dev"],
            "--output_file", work / "dev.pos.conllu", "--no_pretrain", "--share_hid", "--batch_size", a.tagger_batch,
            "--max_steps", a.tagger_steps, *common("pos")], work / "pos.log")
    if "lemma" in a.stages:
        minutes["lemma"] = run("stanza.models.lemmatizer", [
            "--mode", "train", "--train_file", files["train"], "--eval_file", files["dev"],
            "--output_file", work / "dev.lemma.conllu", "--num_epoch", a.lemma_epochs,
            *common("lemma", lang=False)], work / "lemma.log")
    return minutes


def write_resources(out: Path) -> None:
    """The ``resources.json`` that makes ``out`` a stanza resources directory for Indonesian."""
    table = {"id": {"lang_name": "Indonesian", "default_processors": {p: PACKAGE for p in STAGES}}}
    (out / "resources.json").write_text(json.dumps(table, indent=1) + "\n", encoding="utf-8")


def raw_text(conllu: Path, work: Path) -> str:
    """A treebank's text as stanza's own converter writes it: running text wrapped into lines
    of about 80 characters, so the splitter has to find every sentence end itself."""
    from stanza.utils.datasets.conllu_to_text import convert_text

    out = work / (conllu.stem + ".raw.txt")
    convert_text(str(conllu), str(out))
    return out.read_text(encoding="utf-8")


def score_tests(data: Path, out: Path, work: Path) -> dict:
    """UD scores (F1 x 100) of the whole embedded pipeline on the raw text of each test set."""
    import stanza
    from stanza.models.common.utils import ud_scores
    from stanza.utils.conll import CoNLL

    nlp = stanza.Pipeline("id", dir=str(out), download_method=None, processors=",".join(STAGES),
                          package={p: PACKAGE for p in STAGES}, logging_level="WARN")
    scores = {}
    for name in TESTS:
        gold = data / "ud" / name
        doc = nlp(raw_text(gold, work))
        pred = work / f"pred.{name}"
        CoNLL.write_doc2conll(doc, str(pred))
        ev = ud_scores(str(gold), str(pred))
        scores[name.split("-")[0]] = {k: round(ev[k].f1 * 100, 2) for k in ("Tokens", "Sentences", "Words", "UPOS", "Lemmas")}
    return scores


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--out", type=Path, default=ROOT / "models" / "id_stanza")
    ap.add_argument("--work", type=Path, default=ROOT / "training" / "work" / "stanza")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--tokenizer-steps", type=int, default=4000)
    ap.add_argument("--mwt-epochs", type=int, default=30)
    ap.add_argument("--tagger-steps", type=int, default=1500)
    ap.add_argument("--tagger-batch", type=int, default=50,
                    help="sentences per tagger batch: stanza pads a batch to its longest sentence, and its "
                         "backward pass grows with the square of that length, so small batches train faster on a CPU")
    ap.add_argument("--lemma-epochs", type=int, default=30)
    ap.add_argument("--stages", type=lambda v: tuple(v.split(",")), default=STAGES,
                    help="comma-separated stages to train (default: %(default)s); the others are kept as they are")
    ap.add_argument("--score-only", action="store_true", help="score the models already in --out")
    a = ap.parse_args(argv)
    os.environ.setdefault("OMP_NUM_THREADS", "2")
    a.work.mkdir(parents=True, exist_ok=True)
    a.out.mkdir(parents=True, exist_ok=True)
    result = {"seed": a.seed, "train": list(TRAIN), "dev_share": DEV_SHARE}
    if not a.score_only:
        files = split(a.data, a.work)
        result["minutes"] = train(files, a.out, a.work, a)
    write_resources(a.out)
    result["test"] = score_tests(a.data, a.out, a.work)
    (a.out / "scores.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result["test"], indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
