#!/usr/bin/env python3
"""Parity of an exported Tether model with Hugging Face transformers.

Usage: python3 hf_parity.py EXPORTED_DIR [LOGPROBS_JSON]

EXPORTED_DIR is what `tether export ... --parity` wrote; LOGPROBS_JSON defaults to
EXPORTED_DIR/tether_logprobs.json: {"sequences": [[id, ...], ...], "logprobs": [[lp, ...], ...]}
where logprobs[r][i] is Tether's log-probability of sequences[r][i + 1] after its first i + 1
tokens. The script loads the directory with transformers' AutoModelForCausalLM (nothing else is
needed), computes the same log-probabilities on the CPU in float32 and, when CUDA is present, on
the GPU in float32 and bfloat16, and prints the largest absolute difference of each. Exit status 1
when the float32 difference exceeds --tol (default 1e-4).
"""
import argparse
import json
import os
import sys

import torch
from transformers import AutoModelForCausalLM


def logprobs(model, sequences, device, dtype):
    model = model.to(device=device, dtype=dtype).eval()
    out = []
    with torch.no_grad():
        for seq in sequences:
            ids = torch.tensor([seq], device=device)
            logits = model(input_ids=ids).logits.float()[0]
            lp = torch.log_softmax(logits[:-1], dim=-1)
            out.append(lp.gather(1, ids[0, 1:].unsqueeze(1)).squeeze(1).cpu().double().tolist())
    return out


def largest_difference(a, b):
    return max(abs(x - y) for ra, rb in zip(a, b) for x, y in zip(ra, rb))


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("directory")
    p.add_argument("logprobs", nargs="?")
    p.add_argument("--tol", type=float, default=1e-4)
    args = p.parse_args()
    path = args.logprobs or os.path.join(args.directory, "tether_logprobs.json")
    with open(path) as f:
        ref = json.load(f)
    model = AutoModelForCausalLM.from_pretrained(args.directory, torch_dtype=torch.float32)
    rows = [("cpu", "float32", largest_difference(
        logprobs(model, ref["sequences"], "cpu", torch.float32), ref["logprobs"]))]
    if torch.cuda.is_available():
        for dtype in (torch.float32, torch.bfloat16):
            rows.append(("cuda", str(dtype).split(".")[1], largest_difference(
                logprobs(model, ref["sequences"], "cuda", dtype), ref["logprobs"])))
    tokens = sum(len(s) - 1 for s in ref["sequences"])
    print(f"{args.directory}: {len(ref['sequences'])} sequences, {tokens} log-probabilities")
    for device, dtype, diff in rows:
        print(f"  {device:5s} {dtype:9s} largest |log-prob difference| {diff:.3e}")
    worst = max(d for dev, dt, d in rows if dt == "float32")
    return 0 if worst <= args.tol else 1


if __name__ == "__main__":
    sys.exit(main())
