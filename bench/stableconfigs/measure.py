"""Times `stableconfigs --json` on every example input; see bench/stableconfigs/run."""

import argparse
import json
import os
import platform
import statistics
import subprocess
import time

# What the reference implementation (Python, PySAT/Glucose) took on this class of machine, in seconds,
# from shared/stableconfigs/README.md: every input below 0.06 s except these two.
REFERENCE = {
    "wraparound_sorting_network.txt": "44",
    "exponential_tree.txt": "> 300 (no answer)",
}
REFERENCE_DEFAULT = "< 0.06"


def cases(data):
    """Every monomer file alone, then every (input, constraints) pair that expected.jsonl names."""
    inputs = sorted(name for name in os.listdir(os.path.join(data, "inputs")) if "constraints" not in name)
    result = [(name, None) for name in inputs]
    with open(os.path.join(data, "expected.jsonl")) as lines:
        for line in lines:
            entry = json.loads(line)
            constraints = entry.get("constraints_file")
            if entry.get("constraints") is True:
                constraints = entry["input"].replace(".txt", "_constraints.txt")
            if constraints and (entry["input"], constraints) not in result:
                result.append((entry["input"], constraints))
    return result


def time_case(binary, data, name, constraints, runs, timeout):
    arguments = [binary, name, "--json"] + (["--constraints", constraints] if constraints else [])
    seconds = []
    outcome = ""
    for _ in range(runs):
        start = time.perf_counter()
        try:
            done = subprocess.run(arguments, cwd=os.path.join(data, "inputs"), capture_output=True, text=True,
                                  timeout=timeout)
        except subprocess.TimeoutExpired:
            seconds.append(None)
            outcome = f"timed out after {timeout} s"
            break
        seconds.append(time.perf_counter() - start)
        if done.returncode == 0:
            result = json.loads(done.stdout)
            counts = [config["polymers_count"] for config in result["configs"]]
            outcome = f"entropy {result['entropy']}, polymers {counts[0] if counts else '-'}"
        else:
            outcome = f"exit {done.returncode}: {done.stderr.strip().splitlines()[-1]}"
    finished = [value for value in seconds if value is not None]
    median = statistics.median(finished) if len(finished) == len(seconds) else None
    return {"input": name, "constraints": constraints, "seconds": seconds, "median": median,
            "reference": REFERENCE.get(name, REFERENCE_DEFAULT), "outcome": outcome}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--data", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=60)
    options = parser.parse_args()

    rows = [time_case(options.binary, options.data, name, constraints, options.runs, options.timeout)
            for name, constraints in cases(options.data)]
    header = f"{'input':<62} {'seconds (median)':>16}  {'reference s':<18} outcome"
    print(header)
    print("-" * len(header))
    for row in rows:
        label = row["input"] + (f" + {row['constraints']}" if row["constraints"] else "")
        median = f"{row['median']:.3f}" if row["median"] is not None else "-"
        print(f"{label:<62} {median:>16}  {row['reference']:<18} {row['outcome']}")
    slowest = max((row["median"] for row in rows if row["median"] is not None), default=0)
    print(f"\nslowest median: {slowest:.3f} s over {len(rows)} inputs, {options.runs} runs each")
    document = {
        "meta": {"date": time.strftime("%Y-%m-%d %H:%M:%S"), "machine": platform.machine(),
                 "cpus": os.cpu_count(), "load_average_at_end": list(os.getloadavg()), "runs": options.runs,
                 "binary": options.binary},
        "rows": rows,
    }
    with open(options.output, "w") as output:
        json.dump(document, output, indent=1)
        output.write("\n")


if __name__ == "__main__":
    main()
