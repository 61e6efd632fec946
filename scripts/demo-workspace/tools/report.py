"""Sales report helpers: try "Explain Selection" or "Add Documentation" on build_report."""


def build_report(rows, min_total=0):
    out = {}
    for r in rows:
        if r["region"] not in out:
            out[r["region"]] = 0
        out[r["region"]] = out[r["region"]] + r["amount"] * (1 - r.get("discount", 0))
    keys = list(out.keys())
    keys.sort(key=lambda k: -out[k])
    lines = []
    for k in keys:
        if out[k] >= min_total:
            lines.append(k + ": " + str(round(out[k], 2)))
    return "\n".join(lines)


if __name__ == "__main__":
    print(build_report([
        {"region": "华东", "amount": 120.0},
        {"region": "North", "amount": 80.0, "discount": 0.1},
        {"region": "华东", "amount": 42.5},
    ]))
