#!/usr/bin/env python3
"""Writes the broken year files of the corpus from data/2019/report.yaml.

Each file changes one thing and starts with two comment lines: the line where the
problem must be reported and the message it must give. Run it again after
changing the 2019 file: `python3 Tests/Fixtures/broken/make-year-corpus.py`.
"""
import os
import pathlib

root = pathlib.Path(__file__).resolve().parents[3]
source = (root / "data/2019/report.yaml").read_text(encoding="utf-8")
out = pathlib.Path(__file__).resolve().parent / "year"
for old in out.glob("*.yaml"):
    old.unlink()

# (name, text to find, replacement, text that marks the reported line, expected message)
cases = [
    ("amount-ambiguous", "budget: 64000", "budget: 64.000", "budget: 64.000", "axes[0].actions[1].budget: `64.000` is ambiguous: 64 000 € or 64,000 €?"),
    ("amount-three-decimals", "budget: 42000", "budget: 42000.125", "budget: 42000.125", "axes[0].actions[2].budget: `42000.125` is not an amount"),
    ("amount-negative", "budget: 18000", "budget: -18000", "budget: -18000", "axes[0].actions[3].budget: must not be negative"),
    ("amount-text", "budget: 6000", "budget: six mille", "budget: six mille", "axes[0].actions[4].budget: `six mille` is not an amount"),
    ("amount-overflow", "budget: 310000", "budget: 99999999999999999999", "budget: 99999999999999999999", "axes[1].actions[0].budget: `99999999999999999999` is not an amount"),
    ("amount-list", "budget: 45000", "budget: [45000]", "budget: [45000]", "axes[1].actions[1].budget: expected an amount, found a list"),
    ("amount-missing", "        budget: 38000\n", "", "Outils des entreprises", "axes[1].actions[2].budget: missing required amount"),
    ("amount-empty", "budget: 52000", "budget:", "        budget:\n", "axes[1].actions[3].budget: missing required amount"),
    ("amount-exponent", "budget: 24000", "budget: 2.4e4", "budget: 2.4e4", "axes[2].actions[0].budget: `2.4e4` is not an amount"),
    ("status-unknown", "status: reinforced", "status: abandonné", "status: abandonné", "axes[1].actions[0].status: unknown status `abandonné`"),
    ("status-typo", "status: postponed" if "status: postponed" in source else "status: unfunded", "status: unfundd", "status: unfundd", "axes[2].actions[2].status: unknown status `unfundd`"),
    ("status-missing", "        status: new\n        budget: 6000", "        budget: 6000", "Inter-réseau de l’insertion", "axes[0].actions[4].status: missing required field"),
    ("status-number", "status: new\n        budget: 45000", "status: 3\n        budget: 45000", "status: 3", "axes[1].actions[1].status: unknown status `3`"),
    ("action-title-missing", '      - title: "Infogérance du réseau"\n        objective', "      - objective", "Choisir un prestataire", "axes[2].actions[1].title: missing required field"),
    ("action-title-empty", 'title: "Infogérance du réseau"', 'title: ""', 'title: ""', "axes[2].actions[1].title: must not be empty"),
    ("action-title-mapping", 'title: "Infogérance du réseau"', "title: {fr: Infogérance}", "title: {fr: Infogérance}", "axes[2].actions[1].title: expected text, found a mapping"),
    ("action-not-mapping", '      - title: "Veille juridique et législative"\n        objective: "Renforcer les moyens de veille"\n        lead: "Inter-réseau"\n        status: unfunded\n        budget: 0\n        schedule: "—"', '      - "Veille juridique"', '- "Veille juridique"', "axes[2].actions[2]: expected a mapping of keys to values"),
    ("actions-not-list", "    actions:\n      - title: \"Structuration", "    actions: plusieurs\n    old:\n      - title: \"Structuration", "actions: plusieurs", "axes[2].actions: expected a list"),
    ("axis-id-duplicate", "id: moyens", "id: animation", "id: animation\n    title: \"Les moyens\"", "axes[2].id: duplicate axis id `animation`"),
    ("axis-id-missing", "  - id: professionnalisation\n", "  - \n", "title: \"La professionnalisation", "axes[1].id: missing required field"),
    ("axis-title-missing", '    title: "Les moyens"\n', "", "id: moyens", "axes[2].title: missing required field"),
    ("axes-empty", None, None, "axes: []", "the action plan needs at least one axis"),
    ("axes-missing", None, None, "organisation:", "axes: missing required list"),
    ("axes-mapping", None, None, "axes: {animation: 1}", "axes: expected a list"),
    ("organisation-name-missing", '  name: "CHANTIER école"\n', "", "  tagline:", "organisation.name: missing required field"),
    ("organisation-missing", 'organisation:\n  name: "CHANTIER école"\n  tagline: "Réseau des entreprises sociales apprenantes"\n', "", "assembly:", "organisation: missing required section"),
    ("organisation-list", 'organisation:\n  name: "CHANTIER école"\n  tagline: "Réseau des entreprises sociales apprenantes"\n', "organisation: [CHANTIER école]\n", "organisation: [CHANTIER", "organisation: expected a mapping"),
    ("title-missing", '  title: "Plan d’actions et budget prévisionnel 2019"\n', "", "  summary:", "document.title: missing required field"),
    ("title-blank", 'title: "Plan d’actions et budget prévisionnel 2019"', 'title: "   "', 'title: "   "', "document.title: must not be empty"),
    ("document-missing", None, None, "organisation:", "document: missing required section"),
    ("date-not-iso", "date: 2019-06-14", "date: 14/06/2019", "date: 14/06/2019", "assembly.date: `14/06/2019` is not a date"),
    ("date-impossible", "date: 2019-06-14", "date: 2019-02-30", "date: 2019-02-30", "assembly.date: `2019-02-30` is not a date"),
    ("priorities-mapping", '    - "Préparer l’avenir"', "    - {a: b}", "- {a: b}", "document.priorities[2]: expected text, found a mapping"),
    ("notes-not-list", "  notes:\n    - >-", "  notes: 3\n  old:\n    - >-", "notes: 3", "document.notes: expected a list"),
    ("budget-missing", None, None, "organisation:", "budget: missing required section"),
    ("charges-missing", None, None, "  currency: EUR", "budget.charges: missing required list"),
    ("products-not-list", None, None, "products: 1620000", "budget.products: expected a list"),
    ("line-amount-thousands", "amount: 438400", "amount: 438.400", "amount: 438.400", "budget.charges[6].amount: `438.400` is ambiguous: 438 400 € or 438,400 €?"),
    ("line-amount-negative", "amount: 2000 }", "amount: -2000 }", "amount: -2000", "budget.charges[8].amount: must not be negative"),
    ("line-account-letters", 'account: "741"', 'account: "74I"', 'account: "74I"', "budget.products[1].account: `74I` is not an account number"),
    ("line-label-missing", ', label: "Achats"', "", 'account: "60"', "budget.charges[0].label: missing required field"),
    ("line-regional-text", "amount: 80000, regional: true", "amount: 80000, regional: peut-être", "regional: peut-être", "budget.charges[7].regional: expected true or false"),
    ("currency-usd", "currency: EUR", "currency: USD", "currency: USD", "budget.currency: only EUR is supported"),
    ("target-text", "total_target: 1620000", "total_target: environ 1620000", "total_target: environ", "budget.total_target: `environ 1620000` is not an amount"),
    ("yaml-unclosed-quote", 'title: "Animation des associations régionales"', 'title: "Animation des associations régionales', 'title: "Animation des associations régionales', "a quote opened on this line is not closed"),
    ("yaml-colon-in-title", 'title: "Les moyens"', 'title: Les moyens : Pacte', 'title: Les moyens : Pacte', "the text contains ' : ' (a colon and a space)"),
    ("yaml-bad-indentation", '        objective: "Site, lettre d’information, interviews et portraits"', '          objective: "Site, lettre d’information, interviews et portraits"', 'objective: "Site, lettre', "this line is not indented like the lines above it"),
    ("yaml-tab-indentation", '        lead: "Présidence"', '\tlead: "Présidence"', '\tlead: "Présidence"', "a tab is used here; YAML indents with spaces only"),
    ("yaml-duplicate-key", '        lead: "Pôle formation"\n        status: new', '        lead: "Pôle formation"\n        lead: "Autre"\n        status: new', 'lead: "Pôle formation"\n        lead: "Autre"', "duplicate key lead"),
    ("yaml-unclosed-flow", '{ account: "60", label: "Achats", amount: 48000 }', '{ account: "60", label: "Achats", amount: 48000', '{ account: "61"', "a list or mapping opened with [ or { is not closed"),
    ("control-character", "Réseau des entreprises sociales apprenantes", "Réseau des entreprises\\u0007 sociales", "tagline:", "organisation.tagline: contains the control character U+7"),
    ("title-too-long", 'title: "Plan d’actions et budget prévisionnel 2019"', 'title: "' + "Plan d’actions " * 30 + '"', 'title: "Plan d’actions Plan', "document.title: is 450 characters long; at most 300 fit"),
]

whole_file_edits = {
    "axes-empty": lambda s: s[: s.index("axes:")] + "axes: []\n" + s[s.index("budget:\n") :],
    "axes-missing": lambda s: s[: s.index("axes:")] + s[s.index("budget:\n") :],
    "axes-mapping": lambda s: s[: s.index("axes:")] + "axes: {animation: 1}\n" + s[s.index("budget:\n") :],
    "document-missing": lambda s: s[: s.index("document:")] + s[s.index("axes:") :],
    "budget-missing": lambda s: s[: s.index("budget:\n")],
    "charges-missing": lambda s: s[: s.index("  charges:")] + s[s.index("  products:") :],
    "products-not-list": lambda s: s[: s.index("  products:")] + "  products: 1620000\n",
}

for name, old, new, marker, message in cases:
    if name in whole_file_edits:
        text = whole_file_edits[name](source)
    else:
        assert old in source, name
        text = source.replace(old, new, 1)
    header = "# expect-line: {line}\n# expect: {message}\n"
    body = text
    index = body.index(marker)
    line = body[:index].count("\n") + 1 + 2
    (out / f"{name}.yaml").write_text(header.format(line=line, message=message) + body, encoding="utf-8")
print(f"{len(cases)} files in {out}")
