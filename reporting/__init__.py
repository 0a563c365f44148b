"""Excel reports for the provincial federation and Excel imports (DESIGN sections 7 and 8).

- `cells`: user text written as text, never as a formula;
- `workbook`: the layout of an official document (header, title, table, totals, signature, print set-up);
- `columns`: the columns of the initiative list and of the roster, shared by exports and imports;
- `exports`: the reports themselves, each streaming rows from a queryset scoped by `access`;
- `periodic`: the branch's periodic report (plan V.2);
- `registry`: report kinds by name, so another app (exemplars and awards) can add its own;
- `reading` and `imports`: reading an uploaded workbook, previewing and importing rosters and initiatives.
"""
