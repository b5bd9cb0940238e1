"""`vq-models tokens`: official tokenisation (`convert_char_to_pinyin` + `list_str_to_idx`, f5_tts.model.utils)
of one sentence per input line -> TSV `text<TAB>ids<TAB>tokens` (ids comma-separated, tokens as a JSON array)."""
from __future__ import annotations

import json
from pathlib import Path

from . import common


def run(args) -> None:
    common.import_official()
    from f5_tts.model.utils import convert_char_to_pinyin, get_tokenizer, list_str_to_idx

    vocab, _ = get_tokenizer(args.vocab, "custom")
    lines = [l.rstrip("\n") for l in Path(args.input).read_text(encoding="utf-8").splitlines()]
    lines = [l for l in lines if l and not l.startswith("#")]
    rows = ["text\tids\ttokens"]
    for text in lines:
        assert "\t" not in text
        toks = convert_char_to_pinyin([text])[0]
        ids = list_str_to_idx([toks], vocab)[0].tolist()
        rows.append(f"{text}\t{','.join(map(str, ids))}\t{json.dumps(toks, ensure_ascii=False)}")
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text("\n".join(rows) + "\n", encoding="utf-8")
    print(f"tokens: {len(lines)} sentences -> {args.out}")
