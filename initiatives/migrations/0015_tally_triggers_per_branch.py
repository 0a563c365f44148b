"""The tallies without a row shared by the whole portal, and their triggers declared with their models.

- The portal-wide tallies go: initiatives_tally_total (its figures are the branches' cells added up when shown) and
  the programme's participant and author counts (counted from the members' rows when shown). A write now touches
  only the rows of its initiative's branch and of its own authors, and takes its branch's lock, not the portal's.
- PostgreSQL: the triggers are django-pgtrigger's, declared in the models' Meta (models/triggers.py); the
  AddTrigger operations below hold their SQL. The triggers of 0003 … 0014 are dropped first.
- SQLite (which django-pgtrigger does not serve): the same triggers, as the statements below.
- Every programme is then recounted.

Everything here is a literal, as initiatives/tally_sql.py wrote it when this migration was made: later changes to
the live code do not change what this migration does.
"""

import pgtrigger.compiler
import pgtrigger.migrations
from django.db import migrations

from initiatives.migrations import _tally_sql_0014

# fmt: off
SCHEMA = [
    "DROP TABLE IF EXISTS initiatives_tally_total",
    "ALTER TABLE initiatives_tally_programme DROP COLUMN participants",
    "ALTER TABLE initiatives_tally_programme DROP COLUMN authors",
]
SQLITE_TRIGGERS = ['DROP TRIGGER IF EXISTS tally_branch_bump_insert',
 'DROP TRIGGER IF EXISTS tally_branch_bump_update',
 'DROP TRIGGER IF EXISTS tally_branch_bump_delete',
 'DROP TRIGGER IF EXISTS tally_cluster_bump_insert',
 'DROP TRIGGER IF EXISTS tally_cluster_bump_update',
 'DROP TRIGGER IF EXISTS tally_cluster_bump_delete',
 'DROP TRIGGER IF EXISTS tally_period_bump_insert',
 'DROP TRIGGER IF EXISTS tally_period_bump_update',
 'DROP TRIGGER IF EXISTS tally_period_bump_delete',
 'DROP TRIGGER IF EXISTS tally_programme_bump_insert',
 'DROP TRIGGER IF EXISTS tally_programme_bump_update',
 'DROP TRIGGER IF EXISTS tally_programme_bump_delete',
 'DROP TRIGGER IF EXISTS tally_initiative_insert',
 'DROP TRIGGER IF EXISTS tally_initiative_update',
 'DROP TRIGGER IF EXISTS tally_initiative_delete',
 'DROP TRIGGER IF EXISTS tally_author_insert',
 'DROP TRIGGER IF EXISTS tally_author_update',
 'DROP TRIGGER IF EXISTS tally_author_delete',
 'DROP TRIGGER IF EXISTS tally_period_insert',
 'DROP TRIGGER IF EXISTS tally_period_update',
 'DROP TRIGGER IF EXISTS tally_period_delete',
 'DROP TRIGGER IF EXISTS tally_pledge_bump_insert',
 'DROP TRIGGER IF EXISTS tally_pledge_bump_update',
 'DROP TRIGGER IF EXISTS tally_pledge_bump_delete',
 'DROP TRIGGER IF EXISTS tally_target_bump_insert',
 'DROP TRIGGER IF EXISTS tally_target_bump_update',
 'DROP TRIGGER IF EXISTS tally_target_bump_delete',
 'CREATE TRIGGER tally_branch_bump_insert AFTER INSERT ON initiatives_branch FOR EACH ROW\n'
 'BEGIN\n'
 "UPDATE initiatives_tally_programme SET version = version + 1, changed = CAST((julianday('now') - 2440587.5) * "
 '86400000000.0 AS INTEGER);\n'
 'END',
 'CREATE TRIGGER tally_branch_bump_update AFTER UPDATE ON initiatives_branch FOR EACH ROW\n'
 'BEGIN\n'
 "UPDATE initiatives_tally_programme SET version = version + 1, changed = CAST((julianday('now') - 2440587.5) * "
 '86400000000.0 AS INTEGER);\n'
 'END',
 'CREATE TRIGGER tally_branch_bump_delete AFTER DELETE ON initiatives_branch FOR EACH ROW\n'
 'BEGIN\n'
 "UPDATE initiatives_tally_programme SET version = version + 1, changed = CAST((julianday('now') - 2440587.5) * "
 '86400000000.0 AS INTEGER);\n'
 'END',
 'CREATE TRIGGER tally_cluster_bump_insert AFTER INSERT ON initiatives_emulationcluster FOR EACH ROW\n'
 'BEGIN\n'
 "UPDATE initiatives_tally_programme SET version = version + 1, changed = CAST((julianday('now') - 2440587.5) * "
 '86400000000.0 AS INTEGER);\n'
 'END',
 'CREATE TRIGGER tally_cluster_bump_update AFTER UPDATE ON initiatives_emulationcluster FOR EACH ROW\n'
 'BEGIN\n'
 "UPDATE initiatives_tally_programme SET version = version + 1, changed = CAST((julianday('now') - 2440587.5) * "
 '86400000000.0 AS INTEGER);\n'
 'END',
 'CREATE TRIGGER tally_cluster_bump_delete AFTER DELETE ON initiatives_emulationcluster FOR EACH ROW\n'
 'BEGIN\n'
 "UPDATE initiatives_tally_programme SET version = version + 1, changed = CAST((julianday('now') - 2440587.5) * "
 '86400000000.0 AS INTEGER);\n'
 'END',
 'CREATE TRIGGER tally_period_bump_insert AFTER INSERT ON initiatives_programmeperiod FOR EACH ROW\n'
 'BEGIN\n'
 "UPDATE initiatives_tally_programme SET version = version + 1, changed = CAST((julianday('now') - 2440587.5) * "
 '86400000000.0 AS INTEGER);\n'
 'END',
 'CREATE TRIGGER tally_period_bump_update AFTER UPDATE ON initiatives_programmeperiod FOR EACH ROW\n'
 'BEGIN\n'
 "UPDATE initiatives_tally_programme SET version = version + 1, changed = CAST((julianday('now') - 2440587.5) * "
 '86400000000.0 AS INTEGER);\n'
 'END',
 'CREATE TRIGGER tally_period_bump_delete AFTER DELETE ON initiatives_programmeperiod FOR EACH ROW\n'
 'BEGIN\n'
 "UPDATE initiatives_tally_programme SET version = version + 1, changed = CAST((julianday('now') - 2440587.5) * "
 '86400000000.0 AS INTEGER);\n'
 'END',
 'CREATE TRIGGER tally_programme_bump_insert AFTER INSERT ON initiatives_programme FOR EACH ROW\n'
 'BEGIN\n'
 "INSERT INTO initiatives_tally_programme (programme_id, version, changed) VALUES (NEW.id, 1, CAST((julianday('now') "
 '- 2440587.5) * 86400000000.0 AS INTEGER)) ON CONFLICT (programme_id) DO UPDATE SET version = '
 'initiatives_tally_programme.version + 1, changed = excluded.changed;\n'
 'END',
 'CREATE TRIGGER tally_programme_bump_update AFTER UPDATE ON initiatives_programme FOR EACH ROW\n'
 'BEGIN\n'
 "UPDATE initiatives_tally_programme SET version = version + 1, changed = CAST((julianday('now') - 2440587.5) * "
 '86400000000.0 AS INTEGER);\n'
 'END',
 'CREATE TRIGGER tally_programme_bump_delete AFTER DELETE ON initiatives_programme FOR EACH ROW\n'
 'BEGIN\n'
 "UPDATE initiatives_tally_programme SET version = version + 1, changed = CAST((julianday('now') - 2440587.5) * "
 '86400000000.0 AS INTEGER);\n'
 'END',
 'CREATE TRIGGER tally_initiative_insert AFTER INSERT ON initiatives_initiative FOR EACH ROW\n'
 'BEGIN\n'
 'INSERT INTO initiatives_tally_cell (programme_id, branch_id, category, status, sent_month, period, n) SELECT '
 'programme_id, branch_id, category, status, sent_month, period, SUM(d) FROM (SELECT NEW.programme_id AS '
 'programme_id, NEW.branch_id AS branch_id, NEW.category AS category, NEW.status AS status, CASE WHEN (NEW.status = '
 "'sent_to_province' AND NEW.sent_to_province_date IS NOT NULL) THEN CAST(strftime('%Y%m', "
 "NEW.sent_to_province_date) AS INTEGER) ELSE 0 END AS sent_month, CASE WHEN (NEW.status = 'sent_to_province' AND "
 'NEW.sent_to_province_date IS NOT NULL) THEN COALESCE((SELECT pp.number FROM initiatives_programmeperiod pp WHERE '
 'pp.programme_id = NEW.programme_id AND NEW.sent_to_province_date BETWEEN pp.start AND pp."end" ORDER BY pp.number '
 'LIMIT 1), 0) ELSE 0 END AS period, 1 AS d) x WHERE true GROUP BY programme_id, branch_id, category, status, '
 'sent_month, period HAVING SUM(d) <> 0 ORDER BY programme_id, branch_id, category, status, sent_month, period ON '
 'CONFLICT (programme_id, branch_id, category, status, sent_month, period) DO UPDATE SET n = '
 'initiatives_tally_cell.n + excluded.n;\n'
 'INSERT INTO initiatives_tally_branch (programme_id, branch_id, draft, submitted, returned, branch_approved, '
 'rejected, district_verified, sent_to_province, version, participants, authors, changed) SELECT programme_id, '
 "branch_id, SUM(CASE WHEN status = 'draft' THEN d ELSE 0 END), SUM(CASE WHEN status = 'submitted' THEN d ELSE 0 "
 "END), SUM(CASE WHEN status = 'returned' THEN d ELSE 0 END), SUM(CASE WHEN status = 'branch_approved' THEN d ELSE 0 "
 "END), SUM(CASE WHEN status = 'rejected' THEN d ELSE 0 END), SUM(CASE WHEN status = 'district_verified' THEN d ELSE "
 "0 END), SUM(CASE WHEN status = 'sent_to_province' THEN d ELSE 0 END), COUNT(*), 0, 0, CAST((julianday('now') - "
 '2440587.5) * 86400000000.0 AS INTEGER) FROM (SELECT NEW.programme_id AS programme_id, NEW.branch_id AS branch_id, '
 "NEW.category AS category, NEW.status AS status, CASE WHEN (NEW.status = 'sent_to_province' AND "
 "NEW.sent_to_province_date IS NOT NULL) THEN CAST(strftime('%Y%m', NEW.sent_to_province_date) AS INTEGER) ELSE 0 "
 "END AS sent_month, CASE WHEN (NEW.status = 'sent_to_province' AND NEW.sent_to_province_date IS NOT NULL) THEN "
 'COALESCE((SELECT pp.number FROM initiatives_programmeperiod pp WHERE pp.programme_id = NEW.programme_id AND '
 'NEW.sent_to_province_date BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0) ELSE 0 END AS period, 1 AS '
 "d) x WHERE true GROUP BY programme_id, branch_id HAVING SUM(CASE WHEN status = 'draft' THEN d ELSE 0 END) <> 0 OR "
 "SUM(CASE WHEN status = 'submitted' THEN d ELSE 0 END) <> 0 OR SUM(CASE WHEN status = 'returned' THEN d ELSE 0 END) "
 "<> 0 OR SUM(CASE WHEN status = 'branch_approved' THEN d ELSE 0 END) <> 0 OR SUM(CASE WHEN status = 'rejected' THEN "
 "d ELSE 0 END) <> 0 OR SUM(CASE WHEN status = 'district_verified' THEN d ELSE 0 END) <> 0 OR SUM(CASE WHEN status = "
 "'sent_to_province' THEN d ELSE 0 END) <> 0 OR COUNT(*) <> 0 ORDER BY programme_id, branch_id ON CONFLICT "
 '(programme_id, branch_id) DO UPDATE SET draft = initiatives_tally_branch.draft + excluded.draft, submitted = '
 'initiatives_tally_branch.submitted + excluded.submitted, returned = initiatives_tally_branch.returned + '
 'excluded.returned, branch_approved = initiatives_tally_branch.branch_approved + excluded.branch_approved, rejected '
 '= initiatives_tally_branch.rejected + excluded.rejected, district_verified = '
 'initiatives_tally_branch.district_verified + excluded.district_verified, sent_to_province = '
 'initiatives_tally_branch.sent_to_province + excluded.sent_to_province, version = initiatives_tally_branch.version '
 '+ excluded.version, changed = excluded.changed;\n'
 'INSERT INTO initiatives_tally_branch_sent (programme_id, branch_id, sent_quarter, period, sent, benefit) SELECT '
 'programme_id, branch_id, sent_quarter, period, SUM(d), SUM(b) FROM (SELECT NEW.programme_id AS programme_id, '
 "NEW.branch_id AS branch_id, (CAST(strftime('%Y', NEW.sent_to_province_date) AS INTEGER) * 10 + "
 "(CAST(strftime('%m', NEW.sent_to_province_date) AS INTEGER) + 2) / 3) AS sent_quarter, COALESCE((SELECT pp.number "
 'FROM initiatives_programmeperiod pp WHERE pp.programme_id = NEW.programme_id AND NEW.sent_to_province_date BETWEEN '
 'pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0) AS period, 1 AS d, 1 * COALESCE(NEW.economic_benefit_vnd, 0) '
 "AS b WHERE (NEW.status = 'sent_to_province' AND NEW.sent_to_province_date IS NOT NULL)) x WHERE true GROUP BY "
 'programme_id, branch_id, sent_quarter, period HAVING SUM(d) <> 0 OR SUM(b) <> 0 ORDER BY programme_id, branch_id, '
 'sent_quarter, period ON CONFLICT (programme_id, branch_id, sent_quarter, period) DO UPDATE SET sent = '
 'initiatives_tally_branch_sent.sent + excluded.sent, benefit = initiatives_tally_branch_sent.benefit + '
 'excluded.benefit;\n'
 'INSERT INTO initiatives_tally_credited_sent (programme_id, member_id, sent, benefit) SELECT programme_id, '
 'member_id, SUM(d), SUM(b) FROM (SELECT NEW.programme_id AS programme_id, NEW.credited_author_id AS member_id, 1 AS '
 "d, 1 * COALESCE(NEW.economic_benefit_vnd, 0) AS b WHERE (NEW.status = 'sent_to_province' AND "
 'NEW.sent_to_province_date IS NOT NULL) AND NEW.credited_author_id IS NOT NULL) x WHERE true GROUP BY programme_id, '
 'member_id HAVING SUM(d) <> 0 OR SUM(b) <> 0 ORDER BY programme_id, member_id ON CONFLICT (programme_id, member_id) '
 'DO UPDATE SET sent = initiatives_tally_credited_sent.sent + excluded.sent, benefit = '
 'initiatives_tally_credited_sent.benefit + excluded.benefit;\n'
 'INSERT INTO initiatives_tally_person (programme_id, branch_id, member_id, authored, credited) SELECT programme_id, '
 'branch_id, member_id, SUM(d), SUM(d * credited) FROM (SELECT NEW.programme_id AS programme_id, NEW.branch_id AS '
 'branch_id, a.member_id AS member_id, CASE WHEN a.member_id = NEW.credited_author_id THEN 1 ELSE 0 END AS credited, '
 "1 AS d FROM initiatives_initiativeauthor a WHERE a.initiative_id = NEW.id AND NEW.status IN ('branch_approved', "
 "'district_verified', 'sent_to_province')) x WHERE true GROUP BY programme_id, branch_id, member_id HAVING SUM(d) "
 '<> 0 OR SUM(d * credited) <> 0 ORDER BY programme_id, branch_id, member_id ON CONFLICT (programme_id, branch_id, '
 'member_id) DO UPDATE SET authored = initiatives_tally_person.authored + excluded.authored, credited = '
 'initiatives_tally_person.credited + excluded.credited;\n'
 'INSERT INTO initiatives_tally_branch (programme_id, branch_id, draft, submitted, returned, branch_approved, '
 'rejected, district_verified, sent_to_province, participants, authors, version, changed) SELECT x.programme_id, '
 'x.branch_id, 0, 0, 0, 0, 0, 0, 0, SUM(CASE WHEN x.dc = 1 AND p.credited = 1 THEN 1 WHEN x.dc = -1 AND p.credited = '
 '0 THEN -1 ELSE 0 END), SUM(CASE WHEN x.da = 1 AND p.authored = 1 THEN 1 WHEN x.da = -1 AND p.authored = 0 THEN -1 '
 "ELSE 0 END), COUNT(*), CAST((julianday('now') - 2440587.5) * 86400000000.0 AS INTEGER) FROM (SELECT programme_id, "
 'branch_id, member_id, SUM(d) AS da, SUM(d * credited) AS dc FROM (SELECT NEW.programme_id AS programme_id, '
 'NEW.branch_id AS branch_id, a.member_id AS member_id, CASE WHEN a.member_id = NEW.credited_author_id THEN 1 ELSE 0 '
 'END AS credited, 1 AS d FROM initiatives_initiativeauthor a WHERE a.initiative_id = NEW.id AND NEW.status IN '
 "('branch_approved', 'district_verified', 'sent_to_province')) s GROUP BY programme_id, branch_id, member_id) x "
 'JOIN initiatives_tally_person p ON p.programme_id = x.programme_id AND p.branch_id = x.branch_id AND p.member_id = '
 'x.member_id WHERE true GROUP BY x.programme_id, x.branch_id ORDER BY x.programme_id, x.branch_id ON CONFLICT '
 '(programme_id, branch_id) DO UPDATE SET participants = initiatives_tally_branch.participants + '
 'excluded.participants, authors = initiatives_tally_branch.authors + excluded.authors, version = '
 'initiatives_tally_branch.version + excluded.version, changed = excluded.changed;\n'
 'INSERT INTO initiatives_tally_member (programme_id, member_id, authored, credited) SELECT programme_id, member_id, '
 'SUM(d), SUM(d * credited) FROM (SELECT NEW.programme_id AS programme_id, NEW.branch_id AS branch_id, a.member_id '
 'AS member_id, CASE WHEN a.member_id = NEW.credited_author_id THEN 1 ELSE 0 END AS credited, 1 AS d FROM '
 "initiatives_initiativeauthor a WHERE a.initiative_id = NEW.id AND NEW.status IN ('branch_approved', "
 "'district_verified', 'sent_to_province')) x WHERE true GROUP BY programme_id, member_id HAVING SUM(d) <> 0 OR "
 'SUM(d * credited) <> 0 ORDER BY programme_id, member_id ON CONFLICT (programme_id, member_id) DO UPDATE SET '
 'authored = initiatives_tally_member.authored + excluded.authored, credited = initiatives_tally_member.credited + '
 'excluded.credited;\n'
 'END',
 'CREATE TRIGGER tally_initiative_update AFTER UPDATE ON initiatives_initiative FOR EACH ROW WHEN (OLD.programme_id '
 'IS DISTINCT FROM NEW.programme_id OR OLD.branch_id IS DISTINCT FROM NEW.branch_id OR OLD.category IS DISTINCT FROM '
 'NEW.category OR OLD.status IS DISTINCT FROM NEW.status OR OLD.sent_to_province_date IS DISTINCT FROM '
 'NEW.sent_to_province_date OR OLD.credited_author_id IS DISTINCT FROM NEW.credited_author_id OR '
 'OLD.economic_benefit_vnd IS DISTINCT FROM NEW.economic_benefit_vnd)\n'
 'BEGIN\n'
 'INSERT INTO initiatives_tally_cell (programme_id, branch_id, category, status, sent_month, period, n) SELECT '
 'programme_id, branch_id, category, status, sent_month, period, SUM(d) FROM (SELECT OLD.programme_id AS '
 'programme_id, OLD.branch_id AS branch_id, OLD.category AS category, OLD.status AS status, CASE WHEN (OLD.status = '
 "'sent_to_province' AND OLD.sent_to_province_date IS NOT NULL) THEN CAST(strftime('%Y%m', "
 "OLD.sent_to_province_date) AS INTEGER) ELSE 0 END AS sent_month, CASE WHEN (OLD.status = 'sent_to_province' AND "
 'OLD.sent_to_province_date IS NOT NULL) THEN COALESCE((SELECT pp.number FROM initiatives_programmeperiod pp WHERE '
 'pp.programme_id = OLD.programme_id AND OLD.sent_to_province_date BETWEEN pp.start AND pp."end" ORDER BY pp.number '
 'LIMIT 1), 0) ELSE 0 END AS period, -1 AS d UNION ALL SELECT NEW.programme_id AS programme_id, NEW.branch_id AS '
 "branch_id, NEW.category AS category, NEW.status AS status, CASE WHEN (NEW.status = 'sent_to_province' AND "
 "NEW.sent_to_province_date IS NOT NULL) THEN CAST(strftime('%Y%m', NEW.sent_to_province_date) AS INTEGER) ELSE 0 "
 "END AS sent_month, CASE WHEN (NEW.status = 'sent_to_province' AND NEW.sent_to_province_date IS NOT NULL) THEN "
 'COALESCE((SELECT pp.number FROM initiatives_programmeperiod pp WHERE pp.programme_id = NEW.programme_id AND '
 'NEW.sent_to_province_date BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0) ELSE 0 END AS period, 1 AS '
 'd) x WHERE true GROUP BY programme_id, branch_id, category, status, sent_month, period HAVING SUM(d) <> 0 ORDER BY '
 'programme_id, branch_id, category, status, sent_month, period ON CONFLICT (programme_id, branch_id, category, '
 'status, sent_month, period) DO UPDATE SET n = initiatives_tally_cell.n + excluded.n;\n'
 'INSERT INTO initiatives_tally_branch (programme_id, branch_id, draft, submitted, returned, branch_approved, '
 'rejected, district_verified, sent_to_province, version, participants, authors, changed) SELECT programme_id, '
 "branch_id, SUM(CASE WHEN status = 'draft' THEN d ELSE 0 END), SUM(CASE WHEN status = 'submitted' THEN d ELSE 0 "
 "END), SUM(CASE WHEN status = 'returned' THEN d ELSE 0 END), SUM(CASE WHEN status = 'branch_approved' THEN d ELSE 0 "
 "END), SUM(CASE WHEN status = 'rejected' THEN d ELSE 0 END), SUM(CASE WHEN status = 'district_verified' THEN d ELSE "
 "0 END), SUM(CASE WHEN status = 'sent_to_province' THEN d ELSE 0 END), COUNT(*), 0, 0, CAST((julianday('now') - "
 '2440587.5) * 86400000000.0 AS INTEGER) FROM (SELECT OLD.programme_id AS programme_id, OLD.branch_id AS branch_id, '
 "OLD.category AS category, OLD.status AS status, CASE WHEN (OLD.status = 'sent_to_province' AND "
 "OLD.sent_to_province_date IS NOT NULL) THEN CAST(strftime('%Y%m', OLD.sent_to_province_date) AS INTEGER) ELSE 0 "
 "END AS sent_month, CASE WHEN (OLD.status = 'sent_to_province' AND OLD.sent_to_province_date IS NOT NULL) THEN "
 'COALESCE((SELECT pp.number FROM initiatives_programmeperiod pp WHERE pp.programme_id = OLD.programme_id AND '
 'OLD.sent_to_province_date BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0) ELSE 0 END AS period, -1 '
 'AS d UNION ALL SELECT NEW.programme_id AS programme_id, NEW.branch_id AS branch_id, NEW.category AS category, '
 "NEW.status AS status, CASE WHEN (NEW.status = 'sent_to_province' AND NEW.sent_to_province_date IS NOT NULL) THEN "
 "CAST(strftime('%Y%m', NEW.sent_to_province_date) AS INTEGER) ELSE 0 END AS sent_month, CASE WHEN (NEW.status = "
 "'sent_to_province' AND NEW.sent_to_province_date IS NOT NULL) THEN COALESCE((SELECT pp.number FROM "
 'initiatives_programmeperiod pp WHERE pp.programme_id = NEW.programme_id AND NEW.sent_to_province_date BETWEEN '
 'pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0) ELSE 0 END AS period, 1 AS d) x WHERE true GROUP BY '
 "programme_id, branch_id HAVING SUM(CASE WHEN status = 'draft' THEN d ELSE 0 END) <> 0 OR SUM(CASE WHEN status = "
 "'submitted' THEN d ELSE 0 END) <> 0 OR SUM(CASE WHEN status = 'returned' THEN d ELSE 0 END) <> 0 OR SUM(CASE WHEN "
 "status = 'branch_approved' THEN d ELSE 0 END) <> 0 OR SUM(CASE WHEN status = 'rejected' THEN d ELSE 0 END) <> 0 OR "
 "SUM(CASE WHEN status = 'district_verified' THEN d ELSE 0 END) <> 0 OR SUM(CASE WHEN status = 'sent_to_province' "
 'THEN d ELSE 0 END) <> 0 OR COUNT(*) <> 0 ORDER BY programme_id, branch_id ON CONFLICT (programme_id, branch_id) DO '
 'UPDATE SET draft = initiatives_tally_branch.draft + excluded.draft, submitted = initiatives_tally_branch.submitted '
 '+ excluded.submitted, returned = initiatives_tally_branch.returned + excluded.returned, branch_approved = '
 'initiatives_tally_branch.branch_approved + excluded.branch_approved, rejected = initiatives_tally_branch.rejected '
 '+ excluded.rejected, district_verified = initiatives_tally_branch.district_verified + excluded.district_verified, '
 'sent_to_province = initiatives_tally_branch.sent_to_province + excluded.sent_to_province, version = '
 'initiatives_tally_branch.version + excluded.version, changed = excluded.changed;\n'
 'INSERT INTO initiatives_tally_branch_sent (programme_id, branch_id, sent_quarter, period, sent, benefit) SELECT '
 'programme_id, branch_id, sent_quarter, period, SUM(d), SUM(b) FROM (SELECT OLD.programme_id AS programme_id, '
 "OLD.branch_id AS branch_id, (CAST(strftime('%Y', OLD.sent_to_province_date) AS INTEGER) * 10 + "
 "(CAST(strftime('%m', OLD.sent_to_province_date) AS INTEGER) + 2) / 3) AS sent_quarter, COALESCE((SELECT pp.number "
 'FROM initiatives_programmeperiod pp WHERE pp.programme_id = OLD.programme_id AND OLD.sent_to_province_date BETWEEN '
 'pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0) AS period, -1 AS d, -1 * COALESCE(OLD.economic_benefit_vnd, '
 "0) AS b WHERE (OLD.status = 'sent_to_province' AND OLD.sent_to_province_date IS NOT NULL) UNION ALL SELECT "
 "NEW.programme_id AS programme_id, NEW.branch_id AS branch_id, (CAST(strftime('%Y', NEW.sent_to_province_date) AS "
 "INTEGER) * 10 + (CAST(strftime('%m', NEW.sent_to_province_date) AS INTEGER) + 2) / 3) AS sent_quarter, "
 'COALESCE((SELECT pp.number FROM initiatives_programmeperiod pp WHERE pp.programme_id = NEW.programme_id AND '
 'NEW.sent_to_province_date BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0) AS period, 1 AS d, 1 * '
 "COALESCE(NEW.economic_benefit_vnd, 0) AS b WHERE (NEW.status = 'sent_to_province' AND NEW.sent_to_province_date IS "
 'NOT NULL)) x WHERE true GROUP BY programme_id, branch_id, sent_quarter, period HAVING SUM(d) <> 0 OR SUM(b) <> 0 '
 'ORDER BY programme_id, branch_id, sent_quarter, period ON CONFLICT (programme_id, branch_id, sent_quarter, period) '
 'DO UPDATE SET sent = initiatives_tally_branch_sent.sent + excluded.sent, benefit = '
 'initiatives_tally_branch_sent.benefit + excluded.benefit;\n'
 'INSERT INTO initiatives_tally_credited_sent (programme_id, member_id, sent, benefit) SELECT programme_id, '
 'member_id, SUM(d), SUM(b) FROM (SELECT OLD.programme_id AS programme_id, OLD.credited_author_id AS member_id, -1 '
 "AS d, -1 * COALESCE(OLD.economic_benefit_vnd, 0) AS b WHERE (OLD.status = 'sent_to_province' AND "
 'OLD.sent_to_province_date IS NOT NULL) AND OLD.credited_author_id IS NOT NULL UNION ALL SELECT NEW.programme_id AS '
 'programme_id, NEW.credited_author_id AS member_id, 1 AS d, 1 * COALESCE(NEW.economic_benefit_vnd, 0) AS b WHERE '
 "(NEW.status = 'sent_to_province' AND NEW.sent_to_province_date IS NOT NULL) AND NEW.credited_author_id IS NOT "
 'NULL) x WHERE true GROUP BY programme_id, member_id HAVING SUM(d) <> 0 OR SUM(b) <> 0 ORDER BY programme_id, '
 'member_id ON CONFLICT (programme_id, member_id) DO UPDATE SET sent = initiatives_tally_credited_sent.sent + '
 'excluded.sent, benefit = initiatives_tally_credited_sent.benefit + excluded.benefit;\n'
 'INSERT INTO initiatives_tally_person (programme_id, branch_id, member_id, authored, credited) SELECT programme_id, '
 'branch_id, member_id, SUM(d), SUM(d * credited) FROM (SELECT OLD.programme_id AS programme_id, OLD.branch_id AS '
 'branch_id, a.member_id AS member_id, CASE WHEN a.member_id = OLD.credited_author_id THEN 1 ELSE 0 END AS credited, '
 "-1 AS d FROM initiatives_initiativeauthor a WHERE a.initiative_id = OLD.id AND OLD.status IN ('branch_approved', "
 "'district_verified', 'sent_to_province') UNION ALL SELECT NEW.programme_id AS programme_id, NEW.branch_id AS "
 'branch_id, a.member_id AS member_id, CASE WHEN a.member_id = NEW.credited_author_id THEN 1 ELSE 0 END AS credited, '
 "1 AS d FROM initiatives_initiativeauthor a WHERE a.initiative_id = NEW.id AND NEW.status IN ('branch_approved', "
 "'district_verified', 'sent_to_province')) x WHERE true GROUP BY programme_id, branch_id, member_id HAVING SUM(d) "
 '<> 0 OR SUM(d * credited) <> 0 ORDER BY programme_id, branch_id, member_id ON CONFLICT (programme_id, branch_id, '
 'member_id) DO UPDATE SET authored = initiatives_tally_person.authored + excluded.authored, credited = '
 'initiatives_tally_person.credited + excluded.credited;\n'
 'INSERT INTO initiatives_tally_branch (programme_id, branch_id, draft, submitted, returned, branch_approved, '
 'rejected, district_verified, sent_to_province, participants, authors, version, changed) SELECT x.programme_id, '
 'x.branch_id, 0, 0, 0, 0, 0, 0, 0, SUM(CASE WHEN x.dc = 1 AND p.credited = 1 THEN 1 WHEN x.dc = -1 AND p.credited = '
 '0 THEN -1 ELSE 0 END), SUM(CASE WHEN x.da = 1 AND p.authored = 1 THEN 1 WHEN x.da = -1 AND p.authored = 0 THEN -1 '
 "ELSE 0 END), COUNT(*), CAST((julianday('now') - 2440587.5) * 86400000000.0 AS INTEGER) FROM (SELECT programme_id, "
 'branch_id, member_id, SUM(d) AS da, SUM(d * credited) AS dc FROM (SELECT OLD.programme_id AS programme_id, '
 'OLD.branch_id AS branch_id, a.member_id AS member_id, CASE WHEN a.member_id = OLD.credited_author_id THEN 1 ELSE 0 '
 'END AS credited, -1 AS d FROM initiatives_initiativeauthor a WHERE a.initiative_id = OLD.id AND OLD.status IN '
 "('branch_approved', 'district_verified', 'sent_to_province') UNION ALL SELECT NEW.programme_id AS programme_id, "
 'NEW.branch_id AS branch_id, a.member_id AS member_id, CASE WHEN a.member_id = NEW.credited_author_id THEN 1 ELSE 0 '
 'END AS credited, 1 AS d FROM initiatives_initiativeauthor a WHERE a.initiative_id = NEW.id AND NEW.status IN '
 "('branch_approved', 'district_verified', 'sent_to_province')) s GROUP BY programme_id, branch_id, member_id) x "
 'JOIN initiatives_tally_person p ON p.programme_id = x.programme_id AND p.branch_id = x.branch_id AND p.member_id = '
 'x.member_id WHERE true GROUP BY x.programme_id, x.branch_id ORDER BY x.programme_id, x.branch_id ON CONFLICT '
 '(programme_id, branch_id) DO UPDATE SET participants = initiatives_tally_branch.participants + '
 'excluded.participants, authors = initiatives_tally_branch.authors + excluded.authors, version = '
 'initiatives_tally_branch.version + excluded.version, changed = excluded.changed;\n'
 'INSERT INTO initiatives_tally_member (programme_id, member_id, authored, credited) SELECT programme_id, member_id, '
 'SUM(d), SUM(d * credited) FROM (SELECT OLD.programme_id AS programme_id, OLD.branch_id AS branch_id, a.member_id '
 'AS member_id, CASE WHEN a.member_id = OLD.credited_author_id THEN 1 ELSE 0 END AS credited, -1 AS d FROM '
 "initiatives_initiativeauthor a WHERE a.initiative_id = OLD.id AND OLD.status IN ('branch_approved', "
 "'district_verified', 'sent_to_province') UNION ALL SELECT NEW.programme_id AS programme_id, NEW.branch_id AS "
 'branch_id, a.member_id AS member_id, CASE WHEN a.member_id = NEW.credited_author_id THEN 1 ELSE 0 END AS credited, '
 "1 AS d FROM initiatives_initiativeauthor a WHERE a.initiative_id = NEW.id AND NEW.status IN ('branch_approved', "
 "'district_verified', 'sent_to_province')) x WHERE true GROUP BY programme_id, member_id HAVING SUM(d) <> 0 OR "
 'SUM(d * credited) <> 0 ORDER BY programme_id, member_id ON CONFLICT (programme_id, member_id) DO UPDATE SET '
 'authored = initiatives_tally_member.authored + excluded.authored, credited = initiatives_tally_member.credited + '
 'excluded.credited;\n'
 'END',
 'CREATE TRIGGER tally_initiative_delete AFTER DELETE ON initiatives_initiative FOR EACH ROW\n'
 'BEGIN\n'
 'INSERT INTO initiatives_tally_cell (programme_id, branch_id, category, status, sent_month, period, n) SELECT '
 'programme_id, branch_id, category, status, sent_month, period, SUM(d) FROM (SELECT OLD.programme_id AS '
 'programme_id, OLD.branch_id AS branch_id, OLD.category AS category, OLD.status AS status, CASE WHEN (OLD.status = '
 "'sent_to_province' AND OLD.sent_to_province_date IS NOT NULL) THEN CAST(strftime('%Y%m', "
 "OLD.sent_to_province_date) AS INTEGER) ELSE 0 END AS sent_month, CASE WHEN (OLD.status = 'sent_to_province' AND "
 'OLD.sent_to_province_date IS NOT NULL) THEN COALESCE((SELECT pp.number FROM initiatives_programmeperiod pp WHERE '
 'pp.programme_id = OLD.programme_id AND OLD.sent_to_province_date BETWEEN pp.start AND pp."end" ORDER BY pp.number '
 'LIMIT 1), 0) ELSE 0 END AS period, -1 AS d) x WHERE true GROUP BY programme_id, branch_id, category, status, '
 'sent_month, period HAVING SUM(d) <> 0 ORDER BY programme_id, branch_id, category, status, sent_month, period ON '
 'CONFLICT (programme_id, branch_id, category, status, sent_month, period) DO UPDATE SET n = '
 'initiatives_tally_cell.n + excluded.n;\n'
 'INSERT INTO initiatives_tally_branch (programme_id, branch_id, draft, submitted, returned, branch_approved, '
 'rejected, district_verified, sent_to_province, version, participants, authors, changed) SELECT programme_id, '
 "branch_id, SUM(CASE WHEN status = 'draft' THEN d ELSE 0 END), SUM(CASE WHEN status = 'submitted' THEN d ELSE 0 "
 "END), SUM(CASE WHEN status = 'returned' THEN d ELSE 0 END), SUM(CASE WHEN status = 'branch_approved' THEN d ELSE 0 "
 "END), SUM(CASE WHEN status = 'rejected' THEN d ELSE 0 END), SUM(CASE WHEN status = 'district_verified' THEN d ELSE "
 "0 END), SUM(CASE WHEN status = 'sent_to_province' THEN d ELSE 0 END), COUNT(*), 0, 0, CAST((julianday('now') - "
 '2440587.5) * 86400000000.0 AS INTEGER) FROM (SELECT OLD.programme_id AS programme_id, OLD.branch_id AS branch_id, '
 "OLD.category AS category, OLD.status AS status, CASE WHEN (OLD.status = 'sent_to_province' AND "
 "OLD.sent_to_province_date IS NOT NULL) THEN CAST(strftime('%Y%m', OLD.sent_to_province_date) AS INTEGER) ELSE 0 "
 "END AS sent_month, CASE WHEN (OLD.status = 'sent_to_province' AND OLD.sent_to_province_date IS NOT NULL) THEN "
 'COALESCE((SELECT pp.number FROM initiatives_programmeperiod pp WHERE pp.programme_id = OLD.programme_id AND '
 'OLD.sent_to_province_date BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0) ELSE 0 END AS period, -1 '
 "AS d) x WHERE true GROUP BY programme_id, branch_id HAVING SUM(CASE WHEN status = 'draft' THEN d ELSE 0 END) <> 0 "
 "OR SUM(CASE WHEN status = 'submitted' THEN d ELSE 0 END) <> 0 OR SUM(CASE WHEN status = 'returned' THEN d ELSE 0 "
 "END) <> 0 OR SUM(CASE WHEN status = 'branch_approved' THEN d ELSE 0 END) <> 0 OR SUM(CASE WHEN status = 'rejected' "
 "THEN d ELSE 0 END) <> 0 OR SUM(CASE WHEN status = 'district_verified' THEN d ELSE 0 END) <> 0 OR SUM(CASE WHEN "
 "status = 'sent_to_province' THEN d ELSE 0 END) <> 0 OR COUNT(*) <> 0 ORDER BY programme_id, branch_id ON CONFLICT "
 '(programme_id, branch_id) DO UPDATE SET draft = initiatives_tally_branch.draft + excluded.draft, submitted = '
 'initiatives_tally_branch.submitted + excluded.submitted, returned = initiatives_tally_branch.returned + '
 'excluded.returned, branch_approved = initiatives_tally_branch.branch_approved + excluded.branch_approved, rejected '
 '= initiatives_tally_branch.rejected + excluded.rejected, district_verified = '
 'initiatives_tally_branch.district_verified + excluded.district_verified, sent_to_province = '
 'initiatives_tally_branch.sent_to_province + excluded.sent_to_province, version = initiatives_tally_branch.version '
 '+ excluded.version, changed = excluded.changed;\n'
 'INSERT INTO initiatives_tally_branch_sent (programme_id, branch_id, sent_quarter, period, sent, benefit) SELECT '
 'programme_id, branch_id, sent_quarter, period, SUM(d), SUM(b) FROM (SELECT OLD.programme_id AS programme_id, '
 "OLD.branch_id AS branch_id, (CAST(strftime('%Y', OLD.sent_to_province_date) AS INTEGER) * 10 + "
 "(CAST(strftime('%m', OLD.sent_to_province_date) AS INTEGER) + 2) / 3) AS sent_quarter, COALESCE((SELECT pp.number "
 'FROM initiatives_programmeperiod pp WHERE pp.programme_id = OLD.programme_id AND OLD.sent_to_province_date BETWEEN '
 'pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0) AS period, -1 AS d, -1 * COALESCE(OLD.economic_benefit_vnd, '
 "0) AS b WHERE (OLD.status = 'sent_to_province' AND OLD.sent_to_province_date IS NOT NULL)) x WHERE true GROUP BY "
 'programme_id, branch_id, sent_quarter, period HAVING SUM(d) <> 0 OR SUM(b) <> 0 ORDER BY programme_id, branch_id, '
 'sent_quarter, period ON CONFLICT (programme_id, branch_id, sent_quarter, period) DO UPDATE SET sent = '
 'initiatives_tally_branch_sent.sent + excluded.sent, benefit = initiatives_tally_branch_sent.benefit + '
 'excluded.benefit;\n'
 'INSERT INTO initiatives_tally_credited_sent (programme_id, member_id, sent, benefit) SELECT programme_id, '
 'member_id, SUM(d), SUM(b) FROM (SELECT OLD.programme_id AS programme_id, OLD.credited_author_id AS member_id, -1 '
 "AS d, -1 * COALESCE(OLD.economic_benefit_vnd, 0) AS b WHERE (OLD.status = 'sent_to_province' AND "
 'OLD.sent_to_province_date IS NOT NULL) AND OLD.credited_author_id IS NOT NULL) x WHERE true GROUP BY programme_id, '
 'member_id HAVING SUM(d) <> 0 OR SUM(b) <> 0 ORDER BY programme_id, member_id ON CONFLICT (programme_id, member_id) '
 'DO UPDATE SET sent = initiatives_tally_credited_sent.sent + excluded.sent, benefit = '
 'initiatives_tally_credited_sent.benefit + excluded.benefit;\n'
 'INSERT INTO initiatives_tally_person (programme_id, branch_id, member_id, authored, credited) SELECT programme_id, '
 'branch_id, member_id, SUM(d), SUM(d * credited) FROM (SELECT OLD.programme_id AS programme_id, OLD.branch_id AS '
 'branch_id, a.member_id AS member_id, CASE WHEN a.member_id = OLD.credited_author_id THEN 1 ELSE 0 END AS credited, '
 "-1 AS d FROM initiatives_initiativeauthor a WHERE a.initiative_id = OLD.id AND OLD.status IN ('branch_approved', "
 "'district_verified', 'sent_to_province')) x WHERE true GROUP BY programme_id, branch_id, member_id HAVING SUM(d) "
 '<> 0 OR SUM(d * credited) <> 0 ORDER BY programme_id, branch_id, member_id ON CONFLICT (programme_id, branch_id, '
 'member_id) DO UPDATE SET authored = initiatives_tally_person.authored + excluded.authored, credited = '
 'initiatives_tally_person.credited + excluded.credited;\n'
 'INSERT INTO initiatives_tally_branch (programme_id, branch_id, draft, submitted, returned, branch_approved, '
 'rejected, district_verified, sent_to_province, participants, authors, version, changed) SELECT x.programme_id, '
 'x.branch_id, 0, 0, 0, 0, 0, 0, 0, SUM(CASE WHEN x.dc = 1 AND p.credited = 1 THEN 1 WHEN x.dc = -1 AND p.credited = '
 '0 THEN -1 ELSE 0 END), SUM(CASE WHEN x.da = 1 AND p.authored = 1 THEN 1 WHEN x.da = -1 AND p.authored = 0 THEN -1 '
 "ELSE 0 END), COUNT(*), CAST((julianday('now') - 2440587.5) * 86400000000.0 AS INTEGER) FROM (SELECT programme_id, "
 'branch_id, member_id, SUM(d) AS da, SUM(d * credited) AS dc FROM (SELECT OLD.programme_id AS programme_id, '
 'OLD.branch_id AS branch_id, a.member_id AS member_id, CASE WHEN a.member_id = OLD.credited_author_id THEN 1 ELSE 0 '
 'END AS credited, -1 AS d FROM initiatives_initiativeauthor a WHERE a.initiative_id = OLD.id AND OLD.status IN '
 "('branch_approved', 'district_verified', 'sent_to_province')) s GROUP BY programme_id, branch_id, member_id) x "
 'JOIN initiatives_tally_person p ON p.programme_id = x.programme_id AND p.branch_id = x.branch_id AND p.member_id = '
 'x.member_id WHERE true GROUP BY x.programme_id, x.branch_id ORDER BY x.programme_id, x.branch_id ON CONFLICT '
 '(programme_id, branch_id) DO UPDATE SET participants = initiatives_tally_branch.participants + '
 'excluded.participants, authors = initiatives_tally_branch.authors + excluded.authors, version = '
 'initiatives_tally_branch.version + excluded.version, changed = excluded.changed;\n'
 'INSERT INTO initiatives_tally_member (programme_id, member_id, authored, credited) SELECT programme_id, member_id, '
 'SUM(d), SUM(d * credited) FROM (SELECT OLD.programme_id AS programme_id, OLD.branch_id AS branch_id, a.member_id '
 'AS member_id, CASE WHEN a.member_id = OLD.credited_author_id THEN 1 ELSE 0 END AS credited, -1 AS d FROM '
 "initiatives_initiativeauthor a WHERE a.initiative_id = OLD.id AND OLD.status IN ('branch_approved', "
 "'district_verified', 'sent_to_province')) x WHERE true GROUP BY programme_id, member_id HAVING SUM(d) <> 0 OR "
 'SUM(d * credited) <> 0 ORDER BY programme_id, member_id ON CONFLICT (programme_id, member_id) DO UPDATE SET '
 'authored = initiatives_tally_member.authored + excluded.authored, credited = initiatives_tally_member.credited + '
 'excluded.credited;\n'
 'END',
 'CREATE TRIGGER tally_author_insert AFTER INSERT ON initiatives_initiativeauthor FOR EACH ROW\n'
 'BEGIN\n'
 'INSERT INTO initiatives_tally_person (programme_id, branch_id, member_id, authored, credited) SELECT programme_id, '
 'branch_id, member_id, SUM(d), SUM(d * credited) FROM (SELECT i.programme_id AS programme_id, i.branch_id AS '
 'branch_id, NEW.member_id AS member_id, CASE WHEN NEW.member_id = i.credited_author_id THEN 1 ELSE 0 END AS '
 "credited, 1 AS d FROM initiatives_initiative i WHERE i.id = NEW.initiative_id AND i.status IN ('branch_approved', "
 "'district_verified', 'sent_to_province')) x WHERE true GROUP BY programme_id, branch_id, member_id HAVING SUM(d) "
 '<> 0 OR SUM(d * credited) <> 0 ORDER BY programme_id, branch_id, member_id ON CONFLICT (programme_id, branch_id, '
 'member_id) DO UPDATE SET authored = initiatives_tally_person.authored + excluded.authored, credited = '
 'initiatives_tally_person.credited + excluded.credited;\n'
 'INSERT INTO initiatives_tally_branch (programme_id, branch_id, draft, submitted, returned, branch_approved, '
 'rejected, district_verified, sent_to_province, participants, authors, version, changed) SELECT x.programme_id, '
 'x.branch_id, 0, 0, 0, 0, 0, 0, 0, SUM(CASE WHEN x.dc = 1 AND p.credited = 1 THEN 1 WHEN x.dc = -1 AND p.credited = '
 '0 THEN -1 ELSE 0 END), SUM(CASE WHEN x.da = 1 AND p.authored = 1 THEN 1 WHEN x.da = -1 AND p.authored = 0 THEN -1 '
 "ELSE 0 END), COUNT(*), CAST((julianday('now') - 2440587.5) * 86400000000.0 AS INTEGER) FROM (SELECT programme_id, "
 'branch_id, member_id, SUM(d) AS da, SUM(d * credited) AS dc FROM (SELECT i.programme_id AS programme_id, '
 'i.branch_id AS branch_id, NEW.member_id AS member_id, CASE WHEN NEW.member_id = i.credited_author_id THEN 1 ELSE 0 '
 'END AS credited, 1 AS d FROM initiatives_initiative i WHERE i.id = NEW.initiative_id AND i.status IN '
 "('branch_approved', 'district_verified', 'sent_to_province')) s GROUP BY programme_id, branch_id, member_id) x "
 'JOIN initiatives_tally_person p ON p.programme_id = x.programme_id AND p.branch_id = x.branch_id AND p.member_id = '
 'x.member_id WHERE true GROUP BY x.programme_id, x.branch_id ORDER BY x.programme_id, x.branch_id ON CONFLICT '
 '(programme_id, branch_id) DO UPDATE SET participants = initiatives_tally_branch.participants + '
 'excluded.participants, authors = initiatives_tally_branch.authors + excluded.authors, version = '
 'initiatives_tally_branch.version + excluded.version, changed = excluded.changed;\n'
 'INSERT INTO initiatives_tally_member (programme_id, member_id, authored, credited) SELECT programme_id, member_id, '
 'SUM(d), SUM(d * credited) FROM (SELECT i.programme_id AS programme_id, i.branch_id AS branch_id, NEW.member_id AS '
 'member_id, CASE WHEN NEW.member_id = i.credited_author_id THEN 1 ELSE 0 END AS credited, 1 AS d FROM '
 "initiatives_initiative i WHERE i.id = NEW.initiative_id AND i.status IN ('branch_approved', 'district_verified', "
 "'sent_to_province')) x WHERE true GROUP BY programme_id, member_id HAVING SUM(d) <> 0 OR SUM(d * credited) <> 0 "
 'ORDER BY programme_id, member_id ON CONFLICT (programme_id, member_id) DO UPDATE SET authored = '
 'initiatives_tally_member.authored + excluded.authored, credited = initiatives_tally_member.credited + '
 'excluded.credited;\n'
 'END',
 'CREATE TRIGGER tally_author_update AFTER UPDATE ON initiatives_initiativeauthor FOR EACH ROW WHEN '
 '(OLD.initiative_id IS DISTINCT FROM NEW.initiative_id OR OLD.member_id IS DISTINCT FROM NEW.member_id)\n'
 'BEGIN\n'
 'INSERT INTO initiatives_tally_person (programme_id, branch_id, member_id, authored, credited) SELECT programme_id, '
 'branch_id, member_id, SUM(d), SUM(d * credited) FROM (SELECT i.programme_id AS programme_id, i.branch_id AS '
 'branch_id, OLD.member_id AS member_id, CASE WHEN OLD.member_id = i.credited_author_id THEN 1 ELSE 0 END AS '
 "credited, -1 AS d FROM initiatives_initiative i WHERE i.id = OLD.initiative_id AND i.status IN ('branch_approved', "
 "'district_verified', 'sent_to_province') UNION ALL SELECT i.programme_id AS programme_id, i.branch_id AS "
 'branch_id, NEW.member_id AS member_id, CASE WHEN NEW.member_id = i.credited_author_id THEN 1 ELSE 0 END AS '
 "credited, 1 AS d FROM initiatives_initiative i WHERE i.id = NEW.initiative_id AND i.status IN ('branch_approved', "
 "'district_verified', 'sent_to_province')) x WHERE true GROUP BY programme_id, branch_id, member_id HAVING SUM(d) "
 '<> 0 OR SUM(d * credited) <> 0 ORDER BY programme_id, branch_id, member_id ON CONFLICT (programme_id, branch_id, '
 'member_id) DO UPDATE SET authored = initiatives_tally_person.authored + excluded.authored, credited = '
 'initiatives_tally_person.credited + excluded.credited;\n'
 'INSERT INTO initiatives_tally_branch (programme_id, branch_id, draft, submitted, returned, branch_approved, '
 'rejected, district_verified, sent_to_province, participants, authors, version, changed) SELECT x.programme_id, '
 'x.branch_id, 0, 0, 0, 0, 0, 0, 0, SUM(CASE WHEN x.dc = 1 AND p.credited = 1 THEN 1 WHEN x.dc = -1 AND p.credited = '
 '0 THEN -1 ELSE 0 END), SUM(CASE WHEN x.da = 1 AND p.authored = 1 THEN 1 WHEN x.da = -1 AND p.authored = 0 THEN -1 '
 "ELSE 0 END), COUNT(*), CAST((julianday('now') - 2440587.5) * 86400000000.0 AS INTEGER) FROM (SELECT programme_id, "
 'branch_id, member_id, SUM(d) AS da, SUM(d * credited) AS dc FROM (SELECT i.programme_id AS programme_id, '
 'i.branch_id AS branch_id, OLD.member_id AS member_id, CASE WHEN OLD.member_id = i.credited_author_id THEN 1 ELSE 0 '
 'END AS credited, -1 AS d FROM initiatives_initiative i WHERE i.id = OLD.initiative_id AND i.status IN '
 "('branch_approved', 'district_verified', 'sent_to_province') UNION ALL SELECT i.programme_id AS programme_id, "
 'i.branch_id AS branch_id, NEW.member_id AS member_id, CASE WHEN NEW.member_id = i.credited_author_id THEN 1 ELSE 0 '
 'END AS credited, 1 AS d FROM initiatives_initiative i WHERE i.id = NEW.initiative_id AND i.status IN '
 "('branch_approved', 'district_verified', 'sent_to_province')) s GROUP BY programme_id, branch_id, member_id) x "
 'JOIN initiatives_tally_person p ON p.programme_id = x.programme_id AND p.branch_id = x.branch_id AND p.member_id = '
 'x.member_id WHERE true GROUP BY x.programme_id, x.branch_id ORDER BY x.programme_id, x.branch_id ON CONFLICT '
 '(programme_id, branch_id) DO UPDATE SET participants = initiatives_tally_branch.participants + '
 'excluded.participants, authors = initiatives_tally_branch.authors + excluded.authors, version = '
 'initiatives_tally_branch.version + excluded.version, changed = excluded.changed;\n'
 'INSERT INTO initiatives_tally_member (programme_id, member_id, authored, credited) SELECT programme_id, member_id, '
 'SUM(d), SUM(d * credited) FROM (SELECT i.programme_id AS programme_id, i.branch_id AS branch_id, OLD.member_id AS '
 'member_id, CASE WHEN OLD.member_id = i.credited_author_id THEN 1 ELSE 0 END AS credited, -1 AS d FROM '
 "initiatives_initiative i WHERE i.id = OLD.initiative_id AND i.status IN ('branch_approved', 'district_verified', "
 "'sent_to_province') UNION ALL SELECT i.programme_id AS programme_id, i.branch_id AS branch_id, NEW.member_id AS "
 'member_id, CASE WHEN NEW.member_id = i.credited_author_id THEN 1 ELSE 0 END AS credited, 1 AS d FROM '
 "initiatives_initiative i WHERE i.id = NEW.initiative_id AND i.status IN ('branch_approved', 'district_verified', "
 "'sent_to_province')) x WHERE true GROUP BY programme_id, member_id HAVING SUM(d) <> 0 OR SUM(d * credited) <> 0 "
 'ORDER BY programme_id, member_id ON CONFLICT (programme_id, member_id) DO UPDATE SET authored = '
 'initiatives_tally_member.authored + excluded.authored, credited = initiatives_tally_member.credited + '
 'excluded.credited;\n'
 'END',
 'CREATE TRIGGER tally_author_delete AFTER DELETE ON initiatives_initiativeauthor FOR EACH ROW\n'
 'BEGIN\n'
 'INSERT INTO initiatives_tally_person (programme_id, branch_id, member_id, authored, credited) SELECT programme_id, '
 'branch_id, member_id, SUM(d), SUM(d * credited) FROM (SELECT i.programme_id AS programme_id, i.branch_id AS '
 'branch_id, OLD.member_id AS member_id, CASE WHEN OLD.member_id = i.credited_author_id THEN 1 ELSE 0 END AS '
 "credited, -1 AS d FROM initiatives_initiative i WHERE i.id = OLD.initiative_id AND i.status IN ('branch_approved', "
 "'district_verified', 'sent_to_province')) x WHERE true GROUP BY programme_id, branch_id, member_id HAVING SUM(d) "
 '<> 0 OR SUM(d * credited) <> 0 ORDER BY programme_id, branch_id, member_id ON CONFLICT (programme_id, branch_id, '
 'member_id) DO UPDATE SET authored = initiatives_tally_person.authored + excluded.authored, credited = '
 'initiatives_tally_person.credited + excluded.credited;\n'
 'INSERT INTO initiatives_tally_branch (programme_id, branch_id, draft, submitted, returned, branch_approved, '
 'rejected, district_verified, sent_to_province, participants, authors, version, changed) SELECT x.programme_id, '
 'x.branch_id, 0, 0, 0, 0, 0, 0, 0, SUM(CASE WHEN x.dc = 1 AND p.credited = 1 THEN 1 WHEN x.dc = -1 AND p.credited = '
 '0 THEN -1 ELSE 0 END), SUM(CASE WHEN x.da = 1 AND p.authored = 1 THEN 1 WHEN x.da = -1 AND p.authored = 0 THEN -1 '
 "ELSE 0 END), COUNT(*), CAST((julianday('now') - 2440587.5) * 86400000000.0 AS INTEGER) FROM (SELECT programme_id, "
 'branch_id, member_id, SUM(d) AS da, SUM(d * credited) AS dc FROM (SELECT i.programme_id AS programme_id, '
 'i.branch_id AS branch_id, OLD.member_id AS member_id, CASE WHEN OLD.member_id = i.credited_author_id THEN 1 ELSE 0 '
 'END AS credited, -1 AS d FROM initiatives_initiative i WHERE i.id = OLD.initiative_id AND i.status IN '
 "('branch_approved', 'district_verified', 'sent_to_province')) s GROUP BY programme_id, branch_id, member_id) x "
 'JOIN initiatives_tally_person p ON p.programme_id = x.programme_id AND p.branch_id = x.branch_id AND p.member_id = '
 'x.member_id WHERE true GROUP BY x.programme_id, x.branch_id ORDER BY x.programme_id, x.branch_id ON CONFLICT '
 '(programme_id, branch_id) DO UPDATE SET participants = initiatives_tally_branch.participants + '
 'excluded.participants, authors = initiatives_tally_branch.authors + excluded.authors, version = '
 'initiatives_tally_branch.version + excluded.version, changed = excluded.changed;\n'
 'INSERT INTO initiatives_tally_member (programme_id, member_id, authored, credited) SELECT programme_id, member_id, '
 'SUM(d), SUM(d * credited) FROM (SELECT i.programme_id AS programme_id, i.branch_id AS branch_id, OLD.member_id AS '
 'member_id, CASE WHEN OLD.member_id = i.credited_author_id THEN 1 ELSE 0 END AS credited, -1 AS d FROM '
 "initiatives_initiative i WHERE i.id = OLD.initiative_id AND i.status IN ('branch_approved', 'district_verified', "
 "'sent_to_province')) x WHERE true GROUP BY programme_id, member_id HAVING SUM(d) <> 0 OR SUM(d * credited) <> 0 "
 'ORDER BY programme_id, member_id ON CONFLICT (programme_id, member_id) DO UPDATE SET authored = '
 'initiatives_tally_member.authored + excluded.authored, credited = initiatives_tally_member.credited + '
 'excluded.credited;\n'
 'END',
 'CREATE TRIGGER tally_period_insert AFTER INSERT ON initiatives_programmeperiod FOR EACH ROW\n'
 'BEGIN\n'
 'DELETE FROM initiatives_tally_cell WHERE programme_id = NEW.programme_id;\n'
 'INSERT INTO initiatives_tally_cell (programme_id, branch_id, category, status, sent_month, period, n) SELECT '
 "i.programme_id, i.branch_id, i.category, i.status, CASE WHEN (i.status = 'sent_to_province' AND "
 "i.sent_to_province_date IS NOT NULL) THEN CAST(strftime('%Y%m', i.sent_to_province_date) AS INTEGER) ELSE 0 END, "
 "CASE WHEN (i.status = 'sent_to_province' AND i.sent_to_province_date IS NOT NULL) THEN COALESCE((SELECT pp.number "
 'FROM initiatives_programmeperiod pp WHERE pp.programme_id = i.programme_id AND i.sent_to_province_date BETWEEN '
 'pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0) ELSE 0 END, COUNT(*) FROM initiatives_initiative i WHERE '
 'i.programme_id = NEW.programme_id GROUP BY 1, 2, 3, 4, 5, 6;\n'
 'DELETE FROM initiatives_tally_branch_sent WHERE programme_id = NEW.programme_id;\n'
 'INSERT INTO initiatives_tally_branch_sent (programme_id, branch_id, sent_quarter, period, sent, benefit) SELECT '
 "i.programme_id, i.branch_id, (CAST(strftime('%Y', i.sent_to_province_date) AS INTEGER) * 10 + (CAST(strftime('%m', "
 'i.sent_to_province_date) AS INTEGER) + 2) / 3), COALESCE((SELECT pp.number FROM initiatives_programmeperiod pp '
 'WHERE pp.programme_id = i.programme_id AND i.sent_to_province_date BETWEEN pp.start AND pp."end" ORDER BY '
 'pp.number LIMIT 1), 0), COUNT(*), SUM(COALESCE(i.economic_benefit_vnd, 0)) FROM initiatives_initiative i WHERE '
 "i.programme_id = NEW.programme_id AND (i.status = 'sent_to_province' AND i.sent_to_province_date IS NOT NULL) "
 'GROUP BY 1, 2, 3, 4;\n'
 'END',
 'CREATE TRIGGER tally_period_update AFTER UPDATE ON initiatives_programmeperiod FOR EACH ROW WHEN (OLD.programme_id '
 'IS DISTINCT FROM NEW.programme_id OR OLD.number IS DISTINCT FROM NEW.number OR OLD.start IS DISTINCT FROM '
 'NEW.start OR OLD."end" IS DISTINCT FROM NEW."end")\n'
 'BEGIN\n'
 'DELETE FROM initiatives_tally_cell WHERE programme_id = OLD.programme_id;\n'
 'INSERT INTO initiatives_tally_cell (programme_id, branch_id, category, status, sent_month, period, n) SELECT '
 "i.programme_id, i.branch_id, i.category, i.status, CASE WHEN (i.status = 'sent_to_province' AND "
 "i.sent_to_province_date IS NOT NULL) THEN CAST(strftime('%Y%m', i.sent_to_province_date) AS INTEGER) ELSE 0 END, "
 "CASE WHEN (i.status = 'sent_to_province' AND i.sent_to_province_date IS NOT NULL) THEN COALESCE((SELECT pp.number "
 'FROM initiatives_programmeperiod pp WHERE pp.programme_id = i.programme_id AND i.sent_to_province_date BETWEEN '
 'pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0) ELSE 0 END, COUNT(*) FROM initiatives_initiative i WHERE '
 'i.programme_id = OLD.programme_id GROUP BY 1, 2, 3, 4, 5, 6;\n'
 'DELETE FROM initiatives_tally_branch_sent WHERE programme_id = OLD.programme_id;\n'
 'INSERT INTO initiatives_tally_branch_sent (programme_id, branch_id, sent_quarter, period, sent, benefit) SELECT '
 "i.programme_id, i.branch_id, (CAST(strftime('%Y', i.sent_to_province_date) AS INTEGER) * 10 + (CAST(strftime('%m', "
 'i.sent_to_province_date) AS INTEGER) + 2) / 3), COALESCE((SELECT pp.number FROM initiatives_programmeperiod pp '
 'WHERE pp.programme_id = i.programme_id AND i.sent_to_province_date BETWEEN pp.start AND pp."end" ORDER BY '
 'pp.number LIMIT 1), 0), COUNT(*), SUM(COALESCE(i.economic_benefit_vnd, 0)) FROM initiatives_initiative i WHERE '
 "i.programme_id = OLD.programme_id AND (i.status = 'sent_to_province' AND i.sent_to_province_date IS NOT NULL) "
 'GROUP BY 1, 2, 3, 4;\n'
 'DELETE FROM initiatives_tally_cell WHERE programme_id = NEW.programme_id;\n'
 'INSERT INTO initiatives_tally_cell (programme_id, branch_id, category, status, sent_month, period, n) SELECT '
 "i.programme_id, i.branch_id, i.category, i.status, CASE WHEN (i.status = 'sent_to_province' AND "
 "i.sent_to_province_date IS NOT NULL) THEN CAST(strftime('%Y%m', i.sent_to_province_date) AS INTEGER) ELSE 0 END, "
 "CASE WHEN (i.status = 'sent_to_province' AND i.sent_to_province_date IS NOT NULL) THEN COALESCE((SELECT pp.number "
 'FROM initiatives_programmeperiod pp WHERE pp.programme_id = i.programme_id AND i.sent_to_province_date BETWEEN '
 'pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0) ELSE 0 END, COUNT(*) FROM initiatives_initiative i WHERE '
 'i.programme_id = NEW.programme_id GROUP BY 1, 2, 3, 4, 5, 6;\n'
 'DELETE FROM initiatives_tally_branch_sent WHERE programme_id = NEW.programme_id;\n'
 'INSERT INTO initiatives_tally_branch_sent (programme_id, branch_id, sent_quarter, period, sent, benefit) SELECT '
 "i.programme_id, i.branch_id, (CAST(strftime('%Y', i.sent_to_province_date) AS INTEGER) * 10 + (CAST(strftime('%m', "
 'i.sent_to_province_date) AS INTEGER) + 2) / 3), COALESCE((SELECT pp.number FROM initiatives_programmeperiod pp '
 'WHERE pp.programme_id = i.programme_id AND i.sent_to_province_date BETWEEN pp.start AND pp."end" ORDER BY '
 'pp.number LIMIT 1), 0), COUNT(*), SUM(COALESCE(i.economic_benefit_vnd, 0)) FROM initiatives_initiative i WHERE '
 "i.programme_id = NEW.programme_id AND (i.status = 'sent_to_province' AND i.sent_to_province_date IS NOT NULL) "
 'GROUP BY 1, 2, 3, 4;\n'
 'END',
 'CREATE TRIGGER tally_period_delete AFTER DELETE ON initiatives_programmeperiod FOR EACH ROW\n'
 'BEGIN\n'
 'DELETE FROM initiatives_tally_cell WHERE programme_id = OLD.programme_id;\n'
 'INSERT INTO initiatives_tally_cell (programme_id, branch_id, category, status, sent_month, period, n) SELECT '
 "i.programme_id, i.branch_id, i.category, i.status, CASE WHEN (i.status = 'sent_to_province' AND "
 "i.sent_to_province_date IS NOT NULL) THEN CAST(strftime('%Y%m', i.sent_to_province_date) AS INTEGER) ELSE 0 END, "
 "CASE WHEN (i.status = 'sent_to_province' AND i.sent_to_province_date IS NOT NULL) THEN COALESCE((SELECT pp.number "
 'FROM initiatives_programmeperiod pp WHERE pp.programme_id = i.programme_id AND i.sent_to_province_date BETWEEN '
 'pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0) ELSE 0 END, COUNT(*) FROM initiatives_initiative i WHERE '
 'i.programme_id = OLD.programme_id GROUP BY 1, 2, 3, 4, 5, 6;\n'
 'DELETE FROM initiatives_tally_branch_sent WHERE programme_id = OLD.programme_id;\n'
 'INSERT INTO initiatives_tally_branch_sent (programme_id, branch_id, sent_quarter, period, sent, benefit) SELECT '
 "i.programme_id, i.branch_id, (CAST(strftime('%Y', i.sent_to_province_date) AS INTEGER) * 10 + (CAST(strftime('%m', "
 'i.sent_to_province_date) AS INTEGER) + 2) / 3), COALESCE((SELECT pp.number FROM initiatives_programmeperiod pp '
 'WHERE pp.programme_id = i.programme_id AND i.sent_to_province_date BETWEEN pp.start AND pp."end" ORDER BY '
 'pp.number LIMIT 1), 0), COUNT(*), SUM(COALESCE(i.economic_benefit_vnd, 0)) FROM initiatives_initiative i WHERE '
 "i.programme_id = OLD.programme_id AND (i.status = 'sent_to_province' AND i.sent_to_province_date IS NOT NULL) "
 'GROUP BY 1, 2, 3, 4;\n'
 'END',
 'CREATE TRIGGER tally_pledge_bump_insert AFTER INSERT ON initiatives_pledge FOR EACH ROW\n'
 'BEGIN\n'
 'INSERT INTO initiatives_tally_branch (programme_id, branch_id, draft, submitted, returned, branch_approved, '
 'rejected, district_verified, sent_to_province, participants, authors, version, changed) SELECT programme_id, '
 "branch_id, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, CAST((julianday('now') - 2440587.5) * 86400000000.0 AS INTEGER) FROM "
 '(SELECT NEW.programme_id AS programme_id, NEW.branch_id AS branch_id) x WHERE true GROUP BY programme_id, '
 'branch_id ORDER BY programme_id, branch_id ON CONFLICT (programme_id, branch_id) DO UPDATE SET version = '
 'initiatives_tally_branch.version + 1, changed = excluded.changed;\n'
 'END',
 'CREATE TRIGGER tally_pledge_bump_update AFTER UPDATE ON initiatives_pledge FOR EACH ROW\n'
 'BEGIN\n'
 'INSERT INTO initiatives_tally_branch (programme_id, branch_id, draft, submitted, returned, branch_approved, '
 'rejected, district_verified, sent_to_province, participants, authors, version, changed) SELECT programme_id, '
 "branch_id, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, CAST((julianday('now') - 2440587.5) * 86400000000.0 AS INTEGER) FROM "
 '(SELECT OLD.programme_id AS programme_id, OLD.branch_id AS branch_id UNION ALL SELECT NEW.programme_id AS '
 'programme_id, NEW.branch_id AS branch_id) x WHERE true GROUP BY programme_id, branch_id ORDER BY programme_id, '
 'branch_id ON CONFLICT (programme_id, branch_id) DO UPDATE SET version = initiatives_tally_branch.version + 1, '
 'changed = excluded.changed;\n'
 'END',
 'CREATE TRIGGER tally_pledge_bump_delete AFTER DELETE ON initiatives_pledge FOR EACH ROW\n'
 'BEGIN\n'
 'INSERT INTO initiatives_tally_branch (programme_id, branch_id, draft, submitted, returned, branch_approved, '
 'rejected, district_verified, sent_to_province, participants, authors, version, changed) SELECT programme_id, '
 "branch_id, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, CAST((julianday('now') - 2440587.5) * 86400000000.0 AS INTEGER) FROM "
 '(SELECT OLD.programme_id AS programme_id, OLD.branch_id AS branch_id) x WHERE true GROUP BY programme_id, '
 'branch_id ORDER BY programme_id, branch_id ON CONFLICT (programme_id, branch_id) DO UPDATE SET version = '
 'initiatives_tally_branch.version + 1, changed = excluded.changed;\n'
 'END',
 'CREATE TRIGGER tally_target_bump_insert AFTER INSERT ON initiatives_pledgetarget FOR EACH ROW\n'
 'BEGIN\n'
 'INSERT INTO initiatives_tally_branch (programme_id, branch_id, draft, submitted, returned, branch_approved, '
 'rejected, district_verified, sent_to_province, participants, authors, version, changed) SELECT programme_id, '
 "branch_id, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, CAST((julianday('now') - 2440587.5) * 86400000000.0 AS INTEGER) FROM "
 '(SELECT programme_id, branch_id FROM initiatives_pledge WHERE id = NEW.pledge_id) x WHERE true GROUP BY '
 'programme_id, branch_id ORDER BY programme_id, branch_id ON CONFLICT (programme_id, branch_id) DO UPDATE SET '
 'version = initiatives_tally_branch.version + 1, changed = excluded.changed;\n'
 'END',
 'CREATE TRIGGER tally_target_bump_update AFTER UPDATE ON initiatives_pledgetarget FOR EACH ROW\n'
 'BEGIN\n'
 'INSERT INTO initiatives_tally_branch (programme_id, branch_id, draft, submitted, returned, branch_approved, '
 'rejected, district_verified, sent_to_province, participants, authors, version, changed) SELECT programme_id, '
 "branch_id, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, CAST((julianday('now') - 2440587.5) * 86400000000.0 AS INTEGER) FROM "
 '(SELECT programme_id, branch_id FROM initiatives_pledge WHERE id = OLD.pledge_id UNION ALL SELECT programme_id, '
 'branch_id FROM initiatives_pledge WHERE id = NEW.pledge_id) x WHERE true GROUP BY programme_id, branch_id ORDER BY '
 'programme_id, branch_id ON CONFLICT (programme_id, branch_id) DO UPDATE SET version = '
 'initiatives_tally_branch.version + 1, changed = excluded.changed;\n'
 'END',
 'CREATE TRIGGER tally_target_bump_delete AFTER DELETE ON initiatives_pledgetarget FOR EACH ROW\n'
 'BEGIN\n'
 'INSERT INTO initiatives_tally_branch (programme_id, branch_id, draft, submitted, returned, branch_approved, '
 'rejected, district_verified, sent_to_province, participants, authors, version, changed) SELECT programme_id, '
 "branch_id, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, CAST((julianday('now') - 2440587.5) * 86400000000.0 AS INTEGER) FROM "
 '(SELECT programme_id, branch_id FROM initiatives_pledge WHERE id = OLD.pledge_id) x WHERE true GROUP BY '
 'programme_id, branch_id ORDER BY programme_id, branch_id ON CONFLICT (programme_id, branch_id) DO UPDATE SET '
 'version = initiatives_tally_branch.version + 1, changed = excluded.changed;\n'
 'END']
# A programme's recount: '{programme}' stands for its id.
RECOUNT = {'postgresql': ['DELETE FROM initiatives_tally_cell WHERE programme_id = {programme}',
                'INSERT INTO initiatives_tally_cell (programme_id, branch_id, category, status, sent_month, period, '
                'n) SELECT i.programme_id, i.branch_id, i.category, i.status, CASE WHEN (i.status = '
                "'sent_to_province' AND i.sent_to_province_date IS NOT NULL) THEN (EXTRACT(YEAR FROM "
                'i.sent_to_province_date)::integer * 100 + EXTRACT(MONTH FROM i.sent_to_province_date)::integer) '
                "ELSE 0 END, CASE WHEN (i.status = 'sent_to_province' AND i.sent_to_province_date IS NOT NULL) THEN "
                'COALESCE((SELECT pp.number FROM initiatives_programmeperiod pp WHERE pp.programme_id = '
                'i.programme_id AND i.sent_to_province_date BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT '
                '1), 0) ELSE 0 END, COUNT(*) FROM initiatives_initiative i WHERE i.programme_id = {programme} GROUP '
                'BY 1, 2, 3, 4, 5, 6',
                'DELETE FROM initiatives_tally_branch_sent WHERE programme_id = {programme}',
                'INSERT INTO initiatives_tally_branch_sent (programme_id, branch_id, sent_quarter, period, sent, '
                'benefit) SELECT i.programme_id, i.branch_id, (EXTRACT(YEAR FROM i.sent_to_province_date)::integer * '
                '10 + EXTRACT(QUARTER FROM i.sent_to_province_date)::integer), COALESCE((SELECT pp.number FROM '
                'initiatives_programmeperiod pp WHERE pp.programme_id = i.programme_id AND i.sent_to_province_date '
                'BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0), COUNT(*), '
                'SUM(COALESCE(i.economic_benefit_vnd, 0)) FROM initiatives_initiative i WHERE i.programme_id = '
                "{programme} AND (i.status = 'sent_to_province' AND i.sent_to_province_date IS NOT NULL) GROUP BY 1, "
                '2, 3, 4',
                'DELETE FROM initiatives_tally_credited_sent WHERE programme_id = {programme}',
                'INSERT INTO initiatives_tally_credited_sent (programme_id, member_id, sent, benefit) SELECT '
                'i.programme_id, i.credited_author_id, COUNT(*), SUM(COALESCE(i.economic_benefit_vnd, 0)) FROM '
                "initiatives_initiative i WHERE i.programme_id = {programme} AND (i.status = 'sent_to_province' AND "
                'i.sent_to_province_date IS NOT NULL) AND i.credited_author_id IS NOT NULL GROUP BY 1, 2',
                'DELETE FROM initiatives_tally_branch WHERE programme_id = {programme}',
                'INSERT INTO initiatives_tally_branch (programme_id, branch_id, draft, submitted, returned, '
                'branch_approved, rejected, district_verified, sent_to_province, participants, authors, version, '
                "changed) SELECT programme_id, branch_id, SUM(CASE WHEN status = 'draft' THEN n ELSE 0 END), "
                "SUM(CASE WHEN status = 'submitted' THEN n ELSE 0 END), SUM(CASE WHEN status = 'returned' THEN n "
                "ELSE 0 END), SUM(CASE WHEN status = 'branch_approved' THEN n ELSE 0 END), SUM(CASE WHEN status = "
                "'rejected' THEN n ELSE 0 END), SUM(CASE WHEN status = 'district_verified' THEN n ELSE 0 END), "
                "SUM(CASE WHEN status = 'sent_to_province' THEN n ELSE 0 END), 0, 0, 0, 0 FROM "
                'initiatives_tally_cell WHERE programme_id = {programme} GROUP BY programme_id, branch_id',
                'DELETE FROM initiatives_tally_person WHERE programme_id = {programme}',
                'INSERT INTO initiatives_tally_person (programme_id, branch_id, member_id, authored, credited) '
                'SELECT i.programme_id, i.branch_id, a.member_id, COUNT(*), SUM(CASE WHEN a.member_id = '
                'i.credited_author_id THEN 1 ELSE 0 END) FROM initiatives_initiativeauthor a JOIN '
                'initiatives_initiative i ON i.id = a.initiative_id WHERE i.programme_id = {programme} AND i.status '
                "IN ('branch_approved', 'district_verified', 'sent_to_province') GROUP BY 1, 2, 3",
                'DELETE FROM initiatives_tally_member WHERE programme_id = {programme}',
                'INSERT INTO initiatives_tally_member (programme_id, member_id, authored, credited) SELECT '
                'programme_id, member_id, SUM(authored), SUM(credited) FROM initiatives_tally_person WHERE '
                'programme_id = {programme} GROUP BY programme_id, member_id',
                'UPDATE initiatives_tally_branch SET participants = (SELECT COUNT(*) FROM initiatives_tally_person p '
                'WHERE p.programme_id = initiatives_tally_branch.programme_id AND p.branch_id = '
                'initiatives_tally_branch.branch_id AND p.credited > 0), authors = (SELECT COUNT(*) FROM '
                'initiatives_tally_person p WHERE p.programme_id = initiatives_tally_branch.programme_id AND '
                'p.branch_id = initiatives_tally_branch.branch_id AND p.authored > 0) WHERE programme_id = '
                '{programme}',
                'INSERT INTO initiatives_tally_programme (programme_id, version, changed) VALUES ({programme}, 1, '
                '(EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::bigint) ON CONFLICT (programme_id) DO UPDATE SET '
                'version = initiatives_tally_programme.version + 1, changed = excluded.changed'],
 'sqlite': ['DELETE FROM initiatives_tally_cell WHERE programme_id = {programme}',
            'INSERT INTO initiatives_tally_cell (programme_id, branch_id, category, status, sent_month, period, n) '
            "SELECT i.programme_id, i.branch_id, i.category, i.status, CASE WHEN (i.status = 'sent_to_province' AND "
            "i.sent_to_province_date IS NOT NULL) THEN CAST(strftime('%Y%m', i.sent_to_province_date) AS INTEGER) "
            "ELSE 0 END, CASE WHEN (i.status = 'sent_to_province' AND i.sent_to_province_date IS NOT NULL) THEN "
            'COALESCE((SELECT pp.number FROM initiatives_programmeperiod pp WHERE pp.programme_id = i.programme_id '
            'AND i.sent_to_province_date BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0) ELSE 0 END, '
            'COUNT(*) FROM initiatives_initiative i WHERE i.programme_id = {programme} GROUP BY 1, 2, 3, 4, 5, 6',
            'DELETE FROM initiatives_tally_branch_sent WHERE programme_id = {programme}',
            'INSERT INTO initiatives_tally_branch_sent (programme_id, branch_id, sent_quarter, period, sent, '
            "benefit) SELECT i.programme_id, i.branch_id, (CAST(strftime('%Y', i.sent_to_province_date) AS INTEGER) "
            "* 10 + (CAST(strftime('%m', i.sent_to_province_date) AS INTEGER) + 2) / 3), COALESCE((SELECT pp.number "
            'FROM initiatives_programmeperiod pp WHERE pp.programme_id = i.programme_id AND i.sent_to_province_date '
            'BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0), COUNT(*), '
            'SUM(COALESCE(i.economic_benefit_vnd, 0)) FROM initiatives_initiative i WHERE i.programme_id = '
            "{programme} AND (i.status = 'sent_to_province' AND i.sent_to_province_date IS NOT NULL) GROUP BY 1, 2, "
            '3, 4',
            'DELETE FROM initiatives_tally_credited_sent WHERE programme_id = {programme}',
            'INSERT INTO initiatives_tally_credited_sent (programme_id, member_id, sent, benefit) SELECT '
            'i.programme_id, i.credited_author_id, COUNT(*), SUM(COALESCE(i.economic_benefit_vnd, 0)) FROM '
            "initiatives_initiative i WHERE i.programme_id = {programme} AND (i.status = 'sent_to_province' AND "
            'i.sent_to_province_date IS NOT NULL) AND i.credited_author_id IS NOT NULL GROUP BY 1, 2',
            'DELETE FROM initiatives_tally_branch WHERE programme_id = {programme}',
            'INSERT INTO initiatives_tally_branch (programme_id, branch_id, draft, submitted, returned, '
            'branch_approved, rejected, district_verified, sent_to_province, participants, authors, version, '
            "changed) SELECT programme_id, branch_id, SUM(CASE WHEN status = 'draft' THEN n ELSE 0 END), SUM(CASE "
            "WHEN status = 'submitted' THEN n ELSE 0 END), SUM(CASE WHEN status = 'returned' THEN n ELSE 0 END), "
            "SUM(CASE WHEN status = 'branch_approved' THEN n ELSE 0 END), SUM(CASE WHEN status = 'rejected' THEN n "
            "ELSE 0 END), SUM(CASE WHEN status = 'district_verified' THEN n ELSE 0 END), SUM(CASE WHEN status = "
            "'sent_to_province' THEN n ELSE 0 END), 0, 0, 0, 0 FROM initiatives_tally_cell WHERE programme_id = "
            '{programme} GROUP BY programme_id, branch_id',
            'DELETE FROM initiatives_tally_person WHERE programme_id = {programme}',
            'INSERT INTO initiatives_tally_person (programme_id, branch_id, member_id, authored, credited) SELECT '
            'i.programme_id, i.branch_id, a.member_id, COUNT(*), SUM(CASE WHEN a.member_id = i.credited_author_id '
            'THEN 1 ELSE 0 END) FROM initiatives_initiativeauthor a JOIN initiatives_initiative i ON i.id = '
            "a.initiative_id WHERE i.programme_id = {programme} AND i.status IN ('branch_approved', "
            "'district_verified', 'sent_to_province') GROUP BY 1, 2, 3",
            'DELETE FROM initiatives_tally_member WHERE programme_id = {programme}',
            'INSERT INTO initiatives_tally_member (programme_id, member_id, authored, credited) SELECT programme_id, '
            'member_id, SUM(authored), SUM(credited) FROM initiatives_tally_person WHERE programme_id = {programme} '
            'GROUP BY programme_id, member_id',
            'UPDATE initiatives_tally_branch SET participants = (SELECT COUNT(*) FROM initiatives_tally_person p '
            'WHERE p.programme_id = initiatives_tally_branch.programme_id AND p.branch_id = '
            'initiatives_tally_branch.branch_id AND p.credited > 0), authors = (SELECT COUNT(*) FROM '
            'initiatives_tally_person p WHERE p.programme_id = initiatives_tally_branch.programme_id AND p.branch_id '
            '= initiatives_tally_branch.branch_id AND p.authored > 0) WHERE programme_id = {programme}',
            'INSERT INTO initiatives_tally_programme (programme_id, version, changed) VALUES ({programme}, 1, '
            "CAST((julianday('now') - 2440587.5) * 86400000000.0 AS INTEGER)) ON CONFLICT (programme_id) DO UPDATE "
            'SET version = initiatives_tally_programme.version + 1, changed = excluded.changed']}
# fmt: on


def _run(schema_editor, statements):
    with schema_editor.connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def drop_old_triggers_and_tables(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor in ("postgresql", "sqlite"):
        _run(schema_editor, [*_tally_sql_0014.UNINSTALL[vendor], *SCHEMA])


def install_on_sqlite_and_recount(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor not in ("postgresql", "sqlite"):
        return
    statements = list(SQLITE_TRIGGERS) if vendor == "sqlite" else []
    for programme_id in apps.get_model("initiatives", "Programme").objects.values_list("pk", flat=True):
        statements += [s.replace("{programme}", str(int(programme_id))) for s in RECOUNT[vendor]]
    _run(schema_editor, statements)


class Migration(migrations.Migration):

    dependencies = [
        ("initiatives", "0014_union_tree"),
    ]

    operations = [
        migrations.RunPython(drop_old_triggers_and_tables),
        migrations.RemoveField(model_name="tallyprogramme", name="participants"),
        migrations.RemoveField(model_name="tallyprogramme", name="authors"),
        migrations.RemoveField(
            model_name='tallytotal',
            name='programme',
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='branch',
            trigger=pgtrigger.compiler.Trigger(name='tally_branch_bump', sql=pgtrigger.compiler.UpsertTriggerSql(func="IF current_setting('tally.bulk_load', true) = 'on' THEN RETURN NULL; END IF;\nIF TG_OP = 'INSERT' THEN\nUPDATE initiatives_tally_programme SET version = version + 1, changed = (EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::bigint;\nELSIF TG_OP = 'UPDATE' THEN\nUPDATE initiatives_tally_programme SET version = version + 1, changed = (EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::bigint;\nELSIF TG_OP = 'DELETE' THEN\nUPDATE initiatives_tally_programme SET version = version + 1, changed = (EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::bigint;\nEND IF;\nRETURN NULL;", hash='94f501080d1a75de0cc039c84b4c6893322025ad', operation='INSERT OR UPDATE OR DELETE', pgid='pgtrigger_tally_branch_bump_2e28b', table='initiatives_branch', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='emulationcluster',
            trigger=pgtrigger.compiler.Trigger(name='tally_cluster_bump', sql=pgtrigger.compiler.UpsertTriggerSql(func="IF current_setting('tally.bulk_load', true) = 'on' THEN RETURN NULL; END IF;\nIF TG_OP = 'INSERT' THEN\nUPDATE initiatives_tally_programme SET version = version + 1, changed = (EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::bigint;\nELSIF TG_OP = 'UPDATE' THEN\nUPDATE initiatives_tally_programme SET version = version + 1, changed = (EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::bigint;\nELSIF TG_OP = 'DELETE' THEN\nUPDATE initiatives_tally_programme SET version = version + 1, changed = (EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::bigint;\nEND IF;\nRETURN NULL;", hash='ef8ea8b0906498c9f6cd1994d6990db84bb6ea85', operation='INSERT OR UPDATE OR DELETE', pgid='pgtrigger_tally_cluster_bump_9e2fa', table='initiatives_emulationcluster', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='initiative',
            trigger=pgtrigger.compiler.Trigger(name='tally_initiative', sql=pgtrigger.compiler.UpsertTriggerSql(func='IF current_setting(\'tally.bulk_load\', true) = \'on\' THEN RETURN NULL; END IF;\nIF TG_OP = \'INSERT\' THEN\nPERFORM pg_advisory_xact_lock_shared(7406, ((NEW.programme_id) % 2147483647)::integer);\nPERFORM pg_advisory_xact_lock(7407, ((NEW.branch_id) % 2147483647)::integer);\nINSERT INTO initiatives_tally_cell (programme_id, branch_id, category, status, sent_month, period, n) SELECT programme_id, branch_id, category, status, sent_month, period, SUM(d) FROM (SELECT NEW.programme_id AS programme_id, NEW.branch_id AS branch_id, NEW.category AS category, NEW.status AS status, CASE WHEN (NEW.status = \'sent_to_province\' AND NEW.sent_to_province_date IS NOT NULL) THEN (EXTRACT(YEAR FROM NEW.sent_to_province_date)::integer * 100 + EXTRACT(MONTH FROM NEW.sent_to_province_date)::integer) ELSE 0 END AS sent_month, CASE WHEN (NEW.status = \'sent_to_province\' AND NEW.sent_to_province_date IS NOT NULL) THEN COALESCE((SELECT pp.number FROM initiatives_programmeperiod pp WHERE pp.programme_id = NEW.programme_id AND NEW.sent_to_province_date BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0) ELSE 0 END AS period, 1 AS d) x WHERE true GROUP BY programme_id, branch_id, category, status, sent_month, period HAVING SUM(d) <> 0 ORDER BY programme_id, branch_id, category, status, sent_month, period ON CONFLICT (programme_id, branch_id, category, status, sent_month, period) DO UPDATE SET n = initiatives_tally_cell.n + excluded.n;\nINSERT INTO initiatives_tally_branch (programme_id, branch_id, draft, submitted, returned, branch_approved, rejected, district_verified, sent_to_province, version, participants, authors, changed) SELECT programme_id, branch_id, SUM(CASE WHEN status = \'draft\' THEN d ELSE 0 END), SUM(CASE WHEN status = \'submitted\' THEN d ELSE 0 END), SUM(CASE WHEN status = \'returned\' THEN d ELSE 0 END), SUM(CASE WHEN status = \'branch_approved\' THEN d ELSE 0 END), SUM(CASE WHEN status = \'rejected\' THEN d ELSE 0 END), SUM(CASE WHEN status = \'district_verified\' THEN d ELSE 0 END), SUM(CASE WHEN status = \'sent_to_province\' THEN d ELSE 0 END), COUNT(*), 0, 0, (EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::bigint FROM (SELECT NEW.programme_id AS programme_id, NEW.branch_id AS branch_id, NEW.category AS category, NEW.status AS status, CASE WHEN (NEW.status = \'sent_to_province\' AND NEW.sent_to_province_date IS NOT NULL) THEN (EXTRACT(YEAR FROM NEW.sent_to_province_date)::integer * 100 + EXTRACT(MONTH FROM NEW.sent_to_province_date)::integer) ELSE 0 END AS sent_month, CASE WHEN (NEW.status = \'sent_to_province\' AND NEW.sent_to_province_date IS NOT NULL) THEN COALESCE((SELECT pp.number FROM initiatives_programmeperiod pp WHERE pp.programme_id = NEW.programme_id AND NEW.sent_to_province_date BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0) ELSE 0 END AS period, 1 AS d) x WHERE true GROUP BY programme_id, branch_id HAVING SUM(CASE WHEN status = \'draft\' THEN d ELSE 0 END) <> 0 OR SUM(CASE WHEN status = \'submitted\' THEN d ELSE 0 END) <> 0 OR SUM(CASE WHEN status = \'returned\' THEN d ELSE 0 END) <> 0 OR SUM(CASE WHEN status = \'branch_approved\' THEN d ELSE 0 END) <> 0 OR SUM(CASE WHEN status = \'rejected\' THEN d ELSE 0 END) <> 0 OR SUM(CASE WHEN status = \'district_verified\' THEN d ELSE 0 END) <> 0 OR SUM(CASE WHEN status = \'sent_to_province\' THEN d ELSE 0 END) <> 0 OR COUNT(*) <> 0 ORDER BY programme_id, branch_id ON CONFLICT (programme_id, branch_id) DO UPDATE SET draft = initiatives_tally_branch.draft + excluded.draft, submitted = initiatives_tally_branch.submitted + excluded.submitted, returned = initiatives_tally_branch.returned + excluded.returned, branch_approved = initiatives_tally_branch.branch_approved + excluded.branch_approved, rejected = initiatives_tally_branch.rejected + excluded.rejected, district_verified = initiatives_tally_branch.district_verified + excluded.district_verified, sent_to_province = initiatives_tally_branch.sent_to_province + excluded.sent_to_province, version = initiatives_tally_branch.version + excluded.version, changed = excluded.changed;\nINSERT INTO initiatives_tally_branch_sent (programme_id, branch_id, sent_quarter, period, sent, benefit) SELECT programme_id, branch_id, sent_quarter, period, SUM(d), SUM(b) FROM (SELECT NEW.programme_id AS programme_id, NEW.branch_id AS branch_id, (EXTRACT(YEAR FROM NEW.sent_to_province_date)::integer * 10 + EXTRACT(QUARTER FROM NEW.sent_to_province_date)::integer) AS sent_quarter, COALESCE((SELECT pp.number FROM initiatives_programmeperiod pp WHERE pp.programme_id = NEW.programme_id AND NEW.sent_to_province_date BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0) AS period, 1 AS d, 1 * COALESCE(NEW.economic_benefit_vnd, 0) AS b WHERE (NEW.status = \'sent_to_province\' AND NEW.sent_to_province_date IS NOT NULL)) x WHERE true GROUP BY programme_id, branch_id, sent_quarter, period HAVING SUM(d) <> 0 OR SUM(b) <> 0 ORDER BY programme_id, branch_id, sent_quarter, period ON CONFLICT (programme_id, branch_id, sent_quarter, period) DO UPDATE SET sent = initiatives_tally_branch_sent.sent + excluded.sent, benefit = initiatives_tally_branch_sent.benefit + excluded.benefit;\nINSERT INTO initiatives_tally_credited_sent (programme_id, member_id, sent, benefit) SELECT programme_id, member_id, SUM(d), SUM(b) FROM (SELECT NEW.programme_id AS programme_id, NEW.credited_author_id AS member_id, 1 AS d, 1 * COALESCE(NEW.economic_benefit_vnd, 0) AS b WHERE (NEW.status = \'sent_to_province\' AND NEW.sent_to_province_date IS NOT NULL) AND NEW.credited_author_id IS NOT NULL) x WHERE true GROUP BY programme_id, member_id HAVING SUM(d) <> 0 OR SUM(b) <> 0 ORDER BY programme_id, member_id ON CONFLICT (programme_id, member_id) DO UPDATE SET sent = initiatives_tally_credited_sent.sent + excluded.sent, benefit = initiatives_tally_credited_sent.benefit + excluded.benefit;\nINSERT INTO initiatives_tally_person (programme_id, branch_id, member_id, authored, credited) SELECT programme_id, branch_id, member_id, SUM(d), SUM(d * credited) FROM (SELECT NEW.programme_id AS programme_id, NEW.branch_id AS branch_id, a.member_id AS member_id, CASE WHEN a.member_id = NEW.credited_author_id THEN 1 ELSE 0 END AS credited, 1 AS d FROM initiatives_initiativeauthor a WHERE a.initiative_id = NEW.id AND NEW.status IN (\'branch_approved\', \'district_verified\', \'sent_to_province\')) x WHERE true GROUP BY programme_id, branch_id, member_id HAVING SUM(d) <> 0 OR SUM(d * credited) <> 0 ORDER BY programme_id, branch_id, member_id ON CONFLICT (programme_id, branch_id, member_id) DO UPDATE SET authored = initiatives_tally_person.authored + excluded.authored, credited = initiatives_tally_person.credited + excluded.credited;\nINSERT INTO initiatives_tally_branch (programme_id, branch_id, draft, submitted, returned, branch_approved, rejected, district_verified, sent_to_province, participants, authors, version, changed) SELECT x.programme_id, x.branch_id, 0, 0, 0, 0, 0, 0, 0, SUM(CASE WHEN x.dc = 1 AND p.credited = 1 THEN 1 WHEN x.dc = -1 AND p.credited = 0 THEN -1 ELSE 0 END), SUM(CASE WHEN x.da = 1 AND p.authored = 1 THEN 1 WHEN x.da = -1 AND p.authored = 0 THEN -1 ELSE 0 END), COUNT(*), (EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::bigint FROM (SELECT programme_id, branch_id, member_id, SUM(d) AS da, SUM(d * credited) AS dc FROM (SELECT NEW.programme_id AS programme_id, NEW.branch_id AS branch_id, a.member_id AS member_id, CASE WHEN a.member_id = NEW.credited_author_id THEN 1 ELSE 0 END AS credited, 1 AS d FROM initiatives_initiativeauthor a WHERE a.initiative_id = NEW.id AND NEW.status IN (\'branch_approved\', \'district_verified\', \'sent_to_province\')) s GROUP BY programme_id, branch_id, member_id) x JOIN initiatives_tally_person p ON p.programme_id = x.programme_id AND p.branch_id = x.branch_id AND p.member_id = x.member_id WHERE true GROUP BY x.programme_id, x.branch_id ORDER BY x.programme_id, x.branch_id ON CONFLICT (programme_id, branch_id) DO UPDATE SET participants = initiatives_tally_branch.participants + excluded.participants, authors = initiatives_tally_branch.authors + excluded.authors, version = initiatives_tally_branch.version + excluded.version, changed = excluded.changed;\nINSERT INTO initiatives_tally_member (programme_id, member_id, authored, credited) SELECT programme_id, member_id, SUM(d), SUM(d * credited) FROM (SELECT NEW.programme_id AS programme_id, NEW.branch_id AS branch_id, a.member_id AS member_id, CASE WHEN a.member_id = NEW.credited_author_id THEN 1 ELSE 0 END AS credited, 1 AS d FROM initiatives_initiativeauthor a WHERE a.initiative_id = NEW.id AND NEW.status IN (\'branch_approved\', \'district_verified\', \'sent_to_province\')) x WHERE true GROUP BY programme_id, member_id HAVING SUM(d) <> 0 OR SUM(d * credited) <> 0 ORDER BY programme_id, member_id ON CONFLICT (programme_id, member_id) DO UPDATE SET authored = initiatives_tally_member.authored + excluded.authored, credited = initiatives_tally_member.credited + excluded.credited;\nELSIF TG_OP = \'UPDATE\' AND (OLD.programme_id IS DISTINCT FROM NEW.programme_id OR OLD.branch_id IS DISTINCT FROM NEW.branch_id OR OLD.category IS DISTINCT FROM NEW.category OR OLD.status IS DISTINCT FROM NEW.status OR OLD.sent_to_province_date IS DISTINCT FROM NEW.sent_to_province_date OR OLD.credited_author_id IS DISTINCT FROM NEW.credited_author_id OR OLD.economic_benefit_vnd IS DISTINCT FROM NEW.economic_benefit_vnd) THEN\nPERFORM pg_advisory_xact_lock_shared(7406, ((LEAST(OLD.programme_id, NEW.programme_id)) % 2147483647)::integer);\nIF (OLD.programme_id) IS DISTINCT FROM (NEW.programme_id) THEN PERFORM pg_advisory_xact_lock_shared(7406, ((GREATEST(OLD.programme_id, NEW.programme_id)) % 2147483647)::integer); END IF;\nPERFORM pg_advisory_xact_lock(7407, ((LEAST(OLD.branch_id, NEW.branch_id)) % 2147483647)::integer);\nIF (OLD.branch_id) IS DISTINCT FROM (NEW.branch_id) THEN PERFORM pg_advisory_xact_lock(7407, ((GREATEST(OLD.branch_id, NEW.branch_id)) % 2147483647)::integer); END IF;\nINSERT INTO initiatives_tally_cell (programme_id, branch_id, category, status, sent_month, period, n) SELECT programme_id, branch_id, category, status, sent_month, period, SUM(d) FROM (SELECT OLD.programme_id AS programme_id, OLD.branch_id AS branch_id, OLD.category AS category, OLD.status AS status, CASE WHEN (OLD.status = \'sent_to_province\' AND OLD.sent_to_province_date IS NOT NULL) THEN (EXTRACT(YEAR FROM OLD.sent_to_province_date)::integer * 100 + EXTRACT(MONTH FROM OLD.sent_to_province_date)::integer) ELSE 0 END AS sent_month, CASE WHEN (OLD.status = \'sent_to_province\' AND OLD.sent_to_province_date IS NOT NULL) THEN COALESCE((SELECT pp.number FROM initiatives_programmeperiod pp WHERE pp.programme_id = OLD.programme_id AND OLD.sent_to_province_date BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0) ELSE 0 END AS period, -1 AS d UNION ALL SELECT NEW.programme_id AS programme_id, NEW.branch_id AS branch_id, NEW.category AS category, NEW.status AS status, CASE WHEN (NEW.status = \'sent_to_province\' AND NEW.sent_to_province_date IS NOT NULL) THEN (EXTRACT(YEAR FROM NEW.sent_to_province_date)::integer * 100 + EXTRACT(MONTH FROM NEW.sent_to_province_date)::integer) ELSE 0 END AS sent_month, CASE WHEN (NEW.status = \'sent_to_province\' AND NEW.sent_to_province_date IS NOT NULL) THEN COALESCE((SELECT pp.number FROM initiatives_programmeperiod pp WHERE pp.programme_id = NEW.programme_id AND NEW.sent_to_province_date BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0) ELSE 0 END AS period, 1 AS d) x WHERE true GROUP BY programme_id, branch_id, category, status, sent_month, period HAVING SUM(d) <> 0 ORDER BY programme_id, branch_id, category, status, sent_month, period ON CONFLICT (programme_id, branch_id, category, status, sent_month, period) DO UPDATE SET n = initiatives_tally_cell.n + excluded.n;\nINSERT INTO initiatives_tally_branch (programme_id, branch_id, draft, submitted, returned, branch_approved, rejected, district_verified, sent_to_province, version, participants, authors, changed) SELECT programme_id, branch_id, SUM(CASE WHEN status = \'draft\' THEN d ELSE 0 END), SUM(CASE WHEN status = \'submitted\' THEN d ELSE 0 END), SUM(CASE WHEN status = \'returned\' THEN d ELSE 0 END), SUM(CASE WHEN status = \'branch_approved\' THEN d ELSE 0 END), SUM(CASE WHEN status = \'rejected\' THEN d ELSE 0 END), SUM(CASE WHEN status = \'district_verified\' THEN d ELSE 0 END), SUM(CASE WHEN status = \'sent_to_province\' THEN d ELSE 0 END), COUNT(*), 0, 0, (EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::bigint FROM (SELECT OLD.programme_id AS programme_id, OLD.branch_id AS branch_id, OLD.category AS category, OLD.status AS status, CASE WHEN (OLD.status = \'sent_to_province\' AND OLD.sent_to_province_date IS NOT NULL) THEN (EXTRACT(YEAR FROM OLD.sent_to_province_date)::integer * 100 + EXTRACT(MONTH FROM OLD.sent_to_province_date)::integer) ELSE 0 END AS sent_month, CASE WHEN (OLD.status = \'sent_to_province\' AND OLD.sent_to_province_date IS NOT NULL) THEN COALESCE((SELECT pp.number FROM initiatives_programmeperiod pp WHERE pp.programme_id = OLD.programme_id AND OLD.sent_to_province_date BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0) ELSE 0 END AS period, -1 AS d UNION ALL SELECT NEW.programme_id AS programme_id, NEW.branch_id AS branch_id, NEW.category AS category, NEW.status AS status, CASE WHEN (NEW.status = \'sent_to_province\' AND NEW.sent_to_province_date IS NOT NULL) THEN (EXTRACT(YEAR FROM NEW.sent_to_province_date)::integer * 100 + EXTRACT(MONTH FROM NEW.sent_to_province_date)::integer) ELSE 0 END AS sent_month, CASE WHEN (NEW.status = \'sent_to_province\' AND NEW.sent_to_province_date IS NOT NULL) THEN COALESCE((SELECT pp.number FROM initiatives_programmeperiod pp WHERE pp.programme_id = NEW.programme_id AND NEW.sent_to_province_date BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0) ELSE 0 END AS period, 1 AS d) x WHERE true GROUP BY programme_id, branch_id HAVING SUM(CASE WHEN status = \'draft\' THEN d ELSE 0 END) <> 0 OR SUM(CASE WHEN status = \'submitted\' THEN d ELSE 0 END) <> 0 OR SUM(CASE WHEN status = \'returned\' THEN d ELSE 0 END) <> 0 OR SUM(CASE WHEN status = \'branch_approved\' THEN d ELSE 0 END) <> 0 OR SUM(CASE WHEN status = \'rejected\' THEN d ELSE 0 END) <> 0 OR SUM(CASE WHEN status = \'district_verified\' THEN d ELSE 0 END) <> 0 OR SUM(CASE WHEN status = \'sent_to_province\' THEN d ELSE 0 END) <> 0 OR COUNT(*) <> 0 ORDER BY programme_id, branch_id ON CONFLICT (programme_id, branch_id) DO UPDATE SET draft = initiatives_tally_branch.draft + excluded.draft, submitted = initiatives_tally_branch.submitted + excluded.submitted, returned = initiatives_tally_branch.returned + excluded.returned, branch_approved = initiatives_tally_branch.branch_approved + excluded.branch_approved, rejected = initiatives_tally_branch.rejected + excluded.rejected, district_verified = initiatives_tally_branch.district_verified + excluded.district_verified, sent_to_province = initiatives_tally_branch.sent_to_province + excluded.sent_to_province, version = initiatives_tally_branch.version + excluded.version, changed = excluded.changed;\nINSERT INTO initiatives_tally_branch_sent (programme_id, branch_id, sent_quarter, period, sent, benefit) SELECT programme_id, branch_id, sent_quarter, period, SUM(d), SUM(b) FROM (SELECT OLD.programme_id AS programme_id, OLD.branch_id AS branch_id, (EXTRACT(YEAR FROM OLD.sent_to_province_date)::integer * 10 + EXTRACT(QUARTER FROM OLD.sent_to_province_date)::integer) AS sent_quarter, COALESCE((SELECT pp.number FROM initiatives_programmeperiod pp WHERE pp.programme_id = OLD.programme_id AND OLD.sent_to_province_date BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0) AS period, -1 AS d, -1 * COALESCE(OLD.economic_benefit_vnd, 0) AS b WHERE (OLD.status = \'sent_to_province\' AND OLD.sent_to_province_date IS NOT NULL) UNION ALL SELECT NEW.programme_id AS programme_id, NEW.branch_id AS branch_id, (EXTRACT(YEAR FROM NEW.sent_to_province_date)::integer * 10 + EXTRACT(QUARTER FROM NEW.sent_to_province_date)::integer) AS sent_quarter, COALESCE((SELECT pp.number FROM initiatives_programmeperiod pp WHERE pp.programme_id = NEW.programme_id AND NEW.sent_to_province_date BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0) AS period, 1 AS d, 1 * COALESCE(NEW.economic_benefit_vnd, 0) AS b WHERE (NEW.status = \'sent_to_province\' AND NEW.sent_to_province_date IS NOT NULL)) x WHERE true GROUP BY programme_id, branch_id, sent_quarter, period HAVING SUM(d) <> 0 OR SUM(b) <> 0 ORDER BY programme_id, branch_id, sent_quarter, period ON CONFLICT (programme_id, branch_id, sent_quarter, period) DO UPDATE SET sent = initiatives_tally_branch_sent.sent + excluded.sent, benefit = initiatives_tally_branch_sent.benefit + excluded.benefit;\nINSERT INTO initiatives_tally_credited_sent (programme_id, member_id, sent, benefit) SELECT programme_id, member_id, SUM(d), SUM(b) FROM (SELECT OLD.programme_id AS programme_id, OLD.credited_author_id AS member_id, -1 AS d, -1 * COALESCE(OLD.economic_benefit_vnd, 0) AS b WHERE (OLD.status = \'sent_to_province\' AND OLD.sent_to_province_date IS NOT NULL) AND OLD.credited_author_id IS NOT NULL UNION ALL SELECT NEW.programme_id AS programme_id, NEW.credited_author_id AS member_id, 1 AS d, 1 * COALESCE(NEW.economic_benefit_vnd, 0) AS b WHERE (NEW.status = \'sent_to_province\' AND NEW.sent_to_province_date IS NOT NULL) AND NEW.credited_author_id IS NOT NULL) x WHERE true GROUP BY programme_id, member_id HAVING SUM(d) <> 0 OR SUM(b) <> 0 ORDER BY programme_id, member_id ON CONFLICT (programme_id, member_id) DO UPDATE SET sent = initiatives_tally_credited_sent.sent + excluded.sent, benefit = initiatives_tally_credited_sent.benefit + excluded.benefit;\nINSERT INTO initiatives_tally_person (programme_id, branch_id, member_id, authored, credited) SELECT programme_id, branch_id, member_id, SUM(d), SUM(d * credited) FROM (SELECT OLD.programme_id AS programme_id, OLD.branch_id AS branch_id, a.member_id AS member_id, CASE WHEN a.member_id = OLD.credited_author_id THEN 1 ELSE 0 END AS credited, -1 AS d FROM initiatives_initiativeauthor a WHERE a.initiative_id = OLD.id AND OLD.status IN (\'branch_approved\', \'district_verified\', \'sent_to_province\') UNION ALL SELECT NEW.programme_id AS programme_id, NEW.branch_id AS branch_id, a.member_id AS member_id, CASE WHEN a.member_id = NEW.credited_author_id THEN 1 ELSE 0 END AS credited, 1 AS d FROM initiatives_initiativeauthor a WHERE a.initiative_id = NEW.id AND NEW.status IN (\'branch_approved\', \'district_verified\', \'sent_to_province\')) x WHERE true GROUP BY programme_id, branch_id, member_id HAVING SUM(d) <> 0 OR SUM(d * credited) <> 0 ORDER BY programme_id, branch_id, member_id ON CONFLICT (programme_id, branch_id, member_id) DO UPDATE SET authored = initiatives_tally_person.authored + excluded.authored, credited = initiatives_tally_person.credited + excluded.credited;\nINSERT INTO initiatives_tally_branch (programme_id, branch_id, draft, submitted, returned, branch_approved, rejected, district_verified, sent_to_province, participants, authors, version, changed) SELECT x.programme_id, x.branch_id, 0, 0, 0, 0, 0, 0, 0, SUM(CASE WHEN x.dc = 1 AND p.credited = 1 THEN 1 WHEN x.dc = -1 AND p.credited = 0 THEN -1 ELSE 0 END), SUM(CASE WHEN x.da = 1 AND p.authored = 1 THEN 1 WHEN x.da = -1 AND p.authored = 0 THEN -1 ELSE 0 END), COUNT(*), (EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::bigint FROM (SELECT programme_id, branch_id, member_id, SUM(d) AS da, SUM(d * credited) AS dc FROM (SELECT OLD.programme_id AS programme_id, OLD.branch_id AS branch_id, a.member_id AS member_id, CASE WHEN a.member_id = OLD.credited_author_id THEN 1 ELSE 0 END AS credited, -1 AS d FROM initiatives_initiativeauthor a WHERE a.initiative_id = OLD.id AND OLD.status IN (\'branch_approved\', \'district_verified\', \'sent_to_province\') UNION ALL SELECT NEW.programme_id AS programme_id, NEW.branch_id AS branch_id, a.member_id AS member_id, CASE WHEN a.member_id = NEW.credited_author_id THEN 1 ELSE 0 END AS credited, 1 AS d FROM initiatives_initiativeauthor a WHERE a.initiative_id = NEW.id AND NEW.status IN (\'branch_approved\', \'district_verified\', \'sent_to_province\')) s GROUP BY programme_id, branch_id, member_id) x JOIN initiatives_tally_person p ON p.programme_id = x.programme_id AND p.branch_id = x.branch_id AND p.member_id = x.member_id WHERE true GROUP BY x.programme_id, x.branch_id ORDER BY x.programme_id, x.branch_id ON CONFLICT (programme_id, branch_id) DO UPDATE SET participants = initiatives_tally_branch.participants + excluded.participants, authors = initiatives_tally_branch.authors + excluded.authors, version = initiatives_tally_branch.version + excluded.version, changed = excluded.changed;\nINSERT INTO initiatives_tally_member (programme_id, member_id, authored, credited) SELECT programme_id, member_id, SUM(d), SUM(d * credited) FROM (SELECT OLD.programme_id AS programme_id, OLD.branch_id AS branch_id, a.member_id AS member_id, CASE WHEN a.member_id = OLD.credited_author_id THEN 1 ELSE 0 END AS credited, -1 AS d FROM initiatives_initiativeauthor a WHERE a.initiative_id = OLD.id AND OLD.status IN (\'branch_approved\', \'district_verified\', \'sent_to_province\') UNION ALL SELECT NEW.programme_id AS programme_id, NEW.branch_id AS branch_id, a.member_id AS member_id, CASE WHEN a.member_id = NEW.credited_author_id THEN 1 ELSE 0 END AS credited, 1 AS d FROM initiatives_initiativeauthor a WHERE a.initiative_id = NEW.id AND NEW.status IN (\'branch_approved\', \'district_verified\', \'sent_to_province\')) x WHERE true GROUP BY programme_id, member_id HAVING SUM(d) <> 0 OR SUM(d * credited) <> 0 ORDER BY programme_id, member_id ON CONFLICT (programme_id, member_id) DO UPDATE SET authored = initiatives_tally_member.authored + excluded.authored, credited = initiatives_tally_member.credited + excluded.credited;\nELSIF TG_OP = \'DELETE\' THEN\nPERFORM pg_advisory_xact_lock_shared(7406, ((OLD.programme_id) % 2147483647)::integer);\nPERFORM pg_advisory_xact_lock(7407, ((OLD.branch_id) % 2147483647)::integer);\nINSERT INTO initiatives_tally_cell (programme_id, branch_id, category, status, sent_month, period, n) SELECT programme_id, branch_id, category, status, sent_month, period, SUM(d) FROM (SELECT OLD.programme_id AS programme_id, OLD.branch_id AS branch_id, OLD.category AS category, OLD.status AS status, CASE WHEN (OLD.status = \'sent_to_province\' AND OLD.sent_to_province_date IS NOT NULL) THEN (EXTRACT(YEAR FROM OLD.sent_to_province_date)::integer * 100 + EXTRACT(MONTH FROM OLD.sent_to_province_date)::integer) ELSE 0 END AS sent_month, CASE WHEN (OLD.status = \'sent_to_province\' AND OLD.sent_to_province_date IS NOT NULL) THEN COALESCE((SELECT pp.number FROM initiatives_programmeperiod pp WHERE pp.programme_id = OLD.programme_id AND OLD.sent_to_province_date BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0) ELSE 0 END AS period, -1 AS d) x WHERE true GROUP BY programme_id, branch_id, category, status, sent_month, period HAVING SUM(d) <> 0 ORDER BY programme_id, branch_id, category, status, sent_month, period ON CONFLICT (programme_id, branch_id, category, status, sent_month, period) DO UPDATE SET n = initiatives_tally_cell.n + excluded.n;\nINSERT INTO initiatives_tally_branch (programme_id, branch_id, draft, submitted, returned, branch_approved, rejected, district_verified, sent_to_province, version, participants, authors, changed) SELECT programme_id, branch_id, SUM(CASE WHEN status = \'draft\' THEN d ELSE 0 END), SUM(CASE WHEN status = \'submitted\' THEN d ELSE 0 END), SUM(CASE WHEN status = \'returned\' THEN d ELSE 0 END), SUM(CASE WHEN status = \'branch_approved\' THEN d ELSE 0 END), SUM(CASE WHEN status = \'rejected\' THEN d ELSE 0 END), SUM(CASE WHEN status = \'district_verified\' THEN d ELSE 0 END), SUM(CASE WHEN status = \'sent_to_province\' THEN d ELSE 0 END), COUNT(*), 0, 0, (EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::bigint FROM (SELECT OLD.programme_id AS programme_id, OLD.branch_id AS branch_id, OLD.category AS category, OLD.status AS status, CASE WHEN (OLD.status = \'sent_to_province\' AND OLD.sent_to_province_date IS NOT NULL) THEN (EXTRACT(YEAR FROM OLD.sent_to_province_date)::integer * 100 + EXTRACT(MONTH FROM OLD.sent_to_province_date)::integer) ELSE 0 END AS sent_month, CASE WHEN (OLD.status = \'sent_to_province\' AND OLD.sent_to_province_date IS NOT NULL) THEN COALESCE((SELECT pp.number FROM initiatives_programmeperiod pp WHERE pp.programme_id = OLD.programme_id AND OLD.sent_to_province_date BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0) ELSE 0 END AS period, -1 AS d) x WHERE true GROUP BY programme_id, branch_id HAVING SUM(CASE WHEN status = \'draft\' THEN d ELSE 0 END) <> 0 OR SUM(CASE WHEN status = \'submitted\' THEN d ELSE 0 END) <> 0 OR SUM(CASE WHEN status = \'returned\' THEN d ELSE 0 END) <> 0 OR SUM(CASE WHEN status = \'branch_approved\' THEN d ELSE 0 END) <> 0 OR SUM(CASE WHEN status = \'rejected\' THEN d ELSE 0 END) <> 0 OR SUM(CASE WHEN status = \'district_verified\' THEN d ELSE 0 END) <> 0 OR SUM(CASE WHEN status = \'sent_to_province\' THEN d ELSE 0 END) <> 0 OR COUNT(*) <> 0 ORDER BY programme_id, branch_id ON CONFLICT (programme_id, branch_id) DO UPDATE SET draft = initiatives_tally_branch.draft + excluded.draft, submitted = initiatives_tally_branch.submitted + excluded.submitted, returned = initiatives_tally_branch.returned + excluded.returned, branch_approved = initiatives_tally_branch.branch_approved + excluded.branch_approved, rejected = initiatives_tally_branch.rejected + excluded.rejected, district_verified = initiatives_tally_branch.district_verified + excluded.district_verified, sent_to_province = initiatives_tally_branch.sent_to_province + excluded.sent_to_province, version = initiatives_tally_branch.version + excluded.version, changed = excluded.changed;\nINSERT INTO initiatives_tally_branch_sent (programme_id, branch_id, sent_quarter, period, sent, benefit) SELECT programme_id, branch_id, sent_quarter, period, SUM(d), SUM(b) FROM (SELECT OLD.programme_id AS programme_id, OLD.branch_id AS branch_id, (EXTRACT(YEAR FROM OLD.sent_to_province_date)::integer * 10 + EXTRACT(QUARTER FROM OLD.sent_to_province_date)::integer) AS sent_quarter, COALESCE((SELECT pp.number FROM initiatives_programmeperiod pp WHERE pp.programme_id = OLD.programme_id AND OLD.sent_to_province_date BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0) AS period, -1 AS d, -1 * COALESCE(OLD.economic_benefit_vnd, 0) AS b WHERE (OLD.status = \'sent_to_province\' AND OLD.sent_to_province_date IS NOT NULL)) x WHERE true GROUP BY programme_id, branch_id, sent_quarter, period HAVING SUM(d) <> 0 OR SUM(b) <> 0 ORDER BY programme_id, branch_id, sent_quarter, period ON CONFLICT (programme_id, branch_id, sent_quarter, period) DO UPDATE SET sent = initiatives_tally_branch_sent.sent + excluded.sent, benefit = initiatives_tally_branch_sent.benefit + excluded.benefit;\nINSERT INTO initiatives_tally_credited_sent (programme_id, member_id, sent, benefit) SELECT programme_id, member_id, SUM(d), SUM(b) FROM (SELECT OLD.programme_id AS programme_id, OLD.credited_author_id AS member_id, -1 AS d, -1 * COALESCE(OLD.economic_benefit_vnd, 0) AS b WHERE (OLD.status = \'sent_to_province\' AND OLD.sent_to_province_date IS NOT NULL) AND OLD.credited_author_id IS NOT NULL) x WHERE true GROUP BY programme_id, member_id HAVING SUM(d) <> 0 OR SUM(b) <> 0 ORDER BY programme_id, member_id ON CONFLICT (programme_id, member_id) DO UPDATE SET sent = initiatives_tally_credited_sent.sent + excluded.sent, benefit = initiatives_tally_credited_sent.benefit + excluded.benefit;\nINSERT INTO initiatives_tally_person (programme_id, branch_id, member_id, authored, credited) SELECT programme_id, branch_id, member_id, SUM(d), SUM(d * credited) FROM (SELECT OLD.programme_id AS programme_id, OLD.branch_id AS branch_id, a.member_id AS member_id, CASE WHEN a.member_id = OLD.credited_author_id THEN 1 ELSE 0 END AS credited, -1 AS d FROM initiatives_initiativeauthor a WHERE a.initiative_id = OLD.id AND OLD.status IN (\'branch_approved\', \'district_verified\', \'sent_to_province\')) x WHERE true GROUP BY programme_id, branch_id, member_id HAVING SUM(d) <> 0 OR SUM(d * credited) <> 0 ORDER BY programme_id, branch_id, member_id ON CONFLICT (programme_id, branch_id, member_id) DO UPDATE SET authored = initiatives_tally_person.authored + excluded.authored, credited = initiatives_tally_person.credited + excluded.credited;\nINSERT INTO initiatives_tally_branch (programme_id, branch_id, draft, submitted, returned, branch_approved, rejected, district_verified, sent_to_province, participants, authors, version, changed) SELECT x.programme_id, x.branch_id, 0, 0, 0, 0, 0, 0, 0, SUM(CASE WHEN x.dc = 1 AND p.credited = 1 THEN 1 WHEN x.dc = -1 AND p.credited = 0 THEN -1 ELSE 0 END), SUM(CASE WHEN x.da = 1 AND p.authored = 1 THEN 1 WHEN x.da = -1 AND p.authored = 0 THEN -1 ELSE 0 END), COUNT(*), (EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::bigint FROM (SELECT programme_id, branch_id, member_id, SUM(d) AS da, SUM(d * credited) AS dc FROM (SELECT OLD.programme_id AS programme_id, OLD.branch_id AS branch_id, a.member_id AS member_id, CASE WHEN a.member_id = OLD.credited_author_id THEN 1 ELSE 0 END AS credited, -1 AS d FROM initiatives_initiativeauthor a WHERE a.initiative_id = OLD.id AND OLD.status IN (\'branch_approved\', \'district_verified\', \'sent_to_province\')) s GROUP BY programme_id, branch_id, member_id) x JOIN initiatives_tally_person p ON p.programme_id = x.programme_id AND p.branch_id = x.branch_id AND p.member_id = x.member_id WHERE true GROUP BY x.programme_id, x.branch_id ORDER BY x.programme_id, x.branch_id ON CONFLICT (programme_id, branch_id) DO UPDATE SET participants = initiatives_tally_branch.participants + excluded.participants, authors = initiatives_tally_branch.authors + excluded.authors, version = initiatives_tally_branch.version + excluded.version, changed = excluded.changed;\nINSERT INTO initiatives_tally_member (programme_id, member_id, authored, credited) SELECT programme_id, member_id, SUM(d), SUM(d * credited) FROM (SELECT OLD.programme_id AS programme_id, OLD.branch_id AS branch_id, a.member_id AS member_id, CASE WHEN a.member_id = OLD.credited_author_id THEN 1 ELSE 0 END AS credited, -1 AS d FROM initiatives_initiativeauthor a WHERE a.initiative_id = OLD.id AND OLD.status IN (\'branch_approved\', \'district_verified\', \'sent_to_province\')) x WHERE true GROUP BY programme_id, member_id HAVING SUM(d) <> 0 OR SUM(d * credited) <> 0 ORDER BY programme_id, member_id ON CONFLICT (programme_id, member_id) DO UPDATE SET authored = initiatives_tally_member.authored + excluded.authored, credited = initiatives_tally_member.credited + excluded.credited;\nEND IF;\nRETURN NULL;', hash='e6f112f02c99fb9629028b47353d7db018ee1924', operation='INSERT OR UPDATE OR DELETE', pgid='pgtrigger_tally_initiative_512b4', table='initiatives_initiative', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='initiative',
            trigger=pgtrigger.compiler.Trigger(name='tally_truncate', sql=pgtrigger.compiler.UpsertTriggerSql(func='DELETE FROM initiatives_tally_cell;\nDELETE FROM initiatives_tally_branch;\nDELETE FROM initiatives_tally_branch_sent;\nDELETE FROM initiatives_tally_credited_sent;\nDELETE FROM initiatives_tally_person;\nDELETE FROM initiatives_tally_member;\nDELETE FROM initiatives_tally_programme WHERE programme_id NOT IN (SELECT id FROM initiatives_programme);\nUPDATE initiatives_tally_programme SET version = version + 1, changed = (EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::bigint;\nRETURN NULL;', hash='2f0769307952c2993926952084be0012e70b4a06', level='STATEMENT', operation='TRUNCATE', pgid='pgtrigger_tally_truncate_2a163', table='initiatives_initiative', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='initiativeauthor',
            trigger=pgtrigger.compiler.Trigger(name='tally_author', sql=pgtrigger.compiler.UpsertTriggerSql(func="IF current_setting('tally.bulk_load', true) = 'on' THEN RETURN NULL; END IF;\nIF TG_OP = 'INSERT' THEN\nPERFORM 1 FROM initiatives_initiative WHERE id IN (NEW.initiative_id) ORDER BY id FOR UPDATE;\nPERFORM pg_advisory_xact_lock_shared(7406, (((SELECT programme_id FROM initiatives_initiative WHERE id = NEW.initiative_id)) % 2147483647)::integer);\nPERFORM pg_advisory_xact_lock(7407, (((SELECT branch_id FROM initiatives_initiative WHERE id = NEW.initiative_id)) % 2147483647)::integer);\nINSERT INTO initiatives_tally_person (programme_id, branch_id, member_id, authored, credited) SELECT programme_id, branch_id, member_id, SUM(d), SUM(d * credited) FROM (SELECT i.programme_id AS programme_id, i.branch_id AS branch_id, NEW.member_id AS member_id, CASE WHEN NEW.member_id = i.credited_author_id THEN 1 ELSE 0 END AS credited, 1 AS d FROM initiatives_initiative i WHERE i.id = NEW.initiative_id AND i.status IN ('branch_approved', 'district_verified', 'sent_to_province')) x WHERE true GROUP BY programme_id, branch_id, member_id HAVING SUM(d) <> 0 OR SUM(d * credited) <> 0 ORDER BY programme_id, branch_id, member_id ON CONFLICT (programme_id, branch_id, member_id) DO UPDATE SET authored = initiatives_tally_person.authored + excluded.authored, credited = initiatives_tally_person.credited + excluded.credited;\nINSERT INTO initiatives_tally_branch (programme_id, branch_id, draft, submitted, returned, branch_approved, rejected, district_verified, sent_to_province, participants, authors, version, changed) SELECT x.programme_id, x.branch_id, 0, 0, 0, 0, 0, 0, 0, SUM(CASE WHEN x.dc = 1 AND p.credited = 1 THEN 1 WHEN x.dc = -1 AND p.credited = 0 THEN -1 ELSE 0 END), SUM(CASE WHEN x.da = 1 AND p.authored = 1 THEN 1 WHEN x.da = -1 AND p.authored = 0 THEN -1 ELSE 0 END), COUNT(*), (EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::bigint FROM (SELECT programme_id, branch_id, member_id, SUM(d) AS da, SUM(d * credited) AS dc FROM (SELECT i.programme_id AS programme_id, i.branch_id AS branch_id, NEW.member_id AS member_id, CASE WHEN NEW.member_id = i.credited_author_id THEN 1 ELSE 0 END AS credited, 1 AS d FROM initiatives_initiative i WHERE i.id = NEW.initiative_id AND i.status IN ('branch_approved', 'district_verified', 'sent_to_province')) s GROUP BY programme_id, branch_id, member_id) x JOIN initiatives_tally_person p ON p.programme_id = x.programme_id AND p.branch_id = x.branch_id AND p.member_id = x.member_id WHERE true GROUP BY x.programme_id, x.branch_id ORDER BY x.programme_id, x.branch_id ON CONFLICT (programme_id, branch_id) DO UPDATE SET participants = initiatives_tally_branch.participants + excluded.participants, authors = initiatives_tally_branch.authors + excluded.authors, version = initiatives_tally_branch.version + excluded.version, changed = excluded.changed;\nINSERT INTO initiatives_tally_member (programme_id, member_id, authored, credited) SELECT programme_id, member_id, SUM(d), SUM(d * credited) FROM (SELECT i.programme_id AS programme_id, i.branch_id AS branch_id, NEW.member_id AS member_id, CASE WHEN NEW.member_id = i.credited_author_id THEN 1 ELSE 0 END AS credited, 1 AS d FROM initiatives_initiative i WHERE i.id = NEW.initiative_id AND i.status IN ('branch_approved', 'district_verified', 'sent_to_province')) x WHERE true GROUP BY programme_id, member_id HAVING SUM(d) <> 0 OR SUM(d * credited) <> 0 ORDER BY programme_id, member_id ON CONFLICT (programme_id, member_id) DO UPDATE SET authored = initiatives_tally_member.authored + excluded.authored, credited = initiatives_tally_member.credited + excluded.credited;\nELSIF TG_OP = 'UPDATE' AND (OLD.initiative_id IS DISTINCT FROM NEW.initiative_id OR OLD.member_id IS DISTINCT FROM NEW.member_id) THEN\nPERFORM 1 FROM initiatives_initiative WHERE id IN (OLD.initiative_id, NEW.initiative_id) ORDER BY id FOR UPDATE;\nPERFORM pg_advisory_xact_lock_shared(7406, ((LEAST((SELECT programme_id FROM initiatives_initiative WHERE id = OLD.initiative_id), (SELECT programme_id FROM initiatives_initiative WHERE id = NEW.initiative_id))) % 2147483647)::integer);\nIF ((SELECT programme_id FROM initiatives_initiative WHERE id = OLD.initiative_id)) IS DISTINCT FROM ((SELECT programme_id FROM initiatives_initiative WHERE id = NEW.initiative_id)) THEN PERFORM pg_advisory_xact_lock_shared(7406, ((GREATEST((SELECT programme_id FROM initiatives_initiative WHERE id = OLD.initiative_id), (SELECT programme_id FROM initiatives_initiative WHERE id = NEW.initiative_id))) % 2147483647)::integer); END IF;\nPERFORM pg_advisory_xact_lock(7407, ((LEAST((SELECT branch_id FROM initiatives_initiative WHERE id = OLD.initiative_id), (SELECT branch_id FROM initiatives_initiative WHERE id = NEW.initiative_id))) % 2147483647)::integer);\nIF ((SELECT branch_id FROM initiatives_initiative WHERE id = OLD.initiative_id)) IS DISTINCT FROM ((SELECT branch_id FROM initiatives_initiative WHERE id = NEW.initiative_id)) THEN PERFORM pg_advisory_xact_lock(7407, ((GREATEST((SELECT branch_id FROM initiatives_initiative WHERE id = OLD.initiative_id), (SELECT branch_id FROM initiatives_initiative WHERE id = NEW.initiative_id))) % 2147483647)::integer); END IF;\nINSERT INTO initiatives_tally_person (programme_id, branch_id, member_id, authored, credited) SELECT programme_id, branch_id, member_id, SUM(d), SUM(d * credited) FROM (SELECT i.programme_id AS programme_id, i.branch_id AS branch_id, OLD.member_id AS member_id, CASE WHEN OLD.member_id = i.credited_author_id THEN 1 ELSE 0 END AS credited, -1 AS d FROM initiatives_initiative i WHERE i.id = OLD.initiative_id AND i.status IN ('branch_approved', 'district_verified', 'sent_to_province') UNION ALL SELECT i.programme_id AS programme_id, i.branch_id AS branch_id, NEW.member_id AS member_id, CASE WHEN NEW.member_id = i.credited_author_id THEN 1 ELSE 0 END AS credited, 1 AS d FROM initiatives_initiative i WHERE i.id = NEW.initiative_id AND i.status IN ('branch_approved', 'district_verified', 'sent_to_province')) x WHERE true GROUP BY programme_id, branch_id, member_id HAVING SUM(d) <> 0 OR SUM(d * credited) <> 0 ORDER BY programme_id, branch_id, member_id ON CONFLICT (programme_id, branch_id, member_id) DO UPDATE SET authored = initiatives_tally_person.authored + excluded.authored, credited = initiatives_tally_person.credited + excluded.credited;\nINSERT INTO initiatives_tally_branch (programme_id, branch_id, draft, submitted, returned, branch_approved, rejected, district_verified, sent_to_province, participants, authors, version, changed) SELECT x.programme_id, x.branch_id, 0, 0, 0, 0, 0, 0, 0, SUM(CASE WHEN x.dc = 1 AND p.credited = 1 THEN 1 WHEN x.dc = -1 AND p.credited = 0 THEN -1 ELSE 0 END), SUM(CASE WHEN x.da = 1 AND p.authored = 1 THEN 1 WHEN x.da = -1 AND p.authored = 0 THEN -1 ELSE 0 END), COUNT(*), (EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::bigint FROM (SELECT programme_id, branch_id, member_id, SUM(d) AS da, SUM(d * credited) AS dc FROM (SELECT i.programme_id AS programme_id, i.branch_id AS branch_id, OLD.member_id AS member_id, CASE WHEN OLD.member_id = i.credited_author_id THEN 1 ELSE 0 END AS credited, -1 AS d FROM initiatives_initiative i WHERE i.id = OLD.initiative_id AND i.status IN ('branch_approved', 'district_verified', 'sent_to_province') UNION ALL SELECT i.programme_id AS programme_id, i.branch_id AS branch_id, NEW.member_id AS member_id, CASE WHEN NEW.member_id = i.credited_author_id THEN 1 ELSE 0 END AS credited, 1 AS d FROM initiatives_initiative i WHERE i.id = NEW.initiative_id AND i.status IN ('branch_approved', 'district_verified', 'sent_to_province')) s GROUP BY programme_id, branch_id, member_id) x JOIN initiatives_tally_person p ON p.programme_id = x.programme_id AND p.branch_id = x.branch_id AND p.member_id = x.member_id WHERE true GROUP BY x.programme_id, x.branch_id ORDER BY x.programme_id, x.branch_id ON CONFLICT (programme_id, branch_id) DO UPDATE SET participants = initiatives_tally_branch.participants + excluded.participants, authors = initiatives_tally_branch.authors + excluded.authors, version = initiatives_tally_branch.version + excluded.version, changed = excluded.changed;\nINSERT INTO initiatives_tally_member (programme_id, member_id, authored, credited) SELECT programme_id, member_id, SUM(d), SUM(d * credited) FROM (SELECT i.programme_id AS programme_id, i.branch_id AS branch_id, OLD.member_id AS member_id, CASE WHEN OLD.member_id = i.credited_author_id THEN 1 ELSE 0 END AS credited, -1 AS d FROM initiatives_initiative i WHERE i.id = OLD.initiative_id AND i.status IN ('branch_approved', 'district_verified', 'sent_to_province') UNION ALL SELECT i.programme_id AS programme_id, i.branch_id AS branch_id, NEW.member_id AS member_id, CASE WHEN NEW.member_id = i.credited_author_id THEN 1 ELSE 0 END AS credited, 1 AS d FROM initiatives_initiative i WHERE i.id = NEW.initiative_id AND i.status IN ('branch_approved', 'district_verified', 'sent_to_province')) x WHERE true GROUP BY programme_id, member_id HAVING SUM(d) <> 0 OR SUM(d * credited) <> 0 ORDER BY programme_id, member_id ON CONFLICT (programme_id, member_id) DO UPDATE SET authored = initiatives_tally_member.authored + excluded.authored, credited = initiatives_tally_member.credited + excluded.credited;\nELSIF TG_OP = 'DELETE' THEN\nPERFORM 1 FROM initiatives_initiative WHERE id IN (OLD.initiative_id) ORDER BY id FOR UPDATE;\nPERFORM pg_advisory_xact_lock_shared(7406, (((SELECT programme_id FROM initiatives_initiative WHERE id = OLD.initiative_id)) % 2147483647)::integer);\nPERFORM pg_advisory_xact_lock(7407, (((SELECT branch_id FROM initiatives_initiative WHERE id = OLD.initiative_id)) % 2147483647)::integer);\nINSERT INTO initiatives_tally_person (programme_id, branch_id, member_id, authored, credited) SELECT programme_id, branch_id, member_id, SUM(d), SUM(d * credited) FROM (SELECT i.programme_id AS programme_id, i.branch_id AS branch_id, OLD.member_id AS member_id, CASE WHEN OLD.member_id = i.credited_author_id THEN 1 ELSE 0 END AS credited, -1 AS d FROM initiatives_initiative i WHERE i.id = OLD.initiative_id AND i.status IN ('branch_approved', 'district_verified', 'sent_to_province')) x WHERE true GROUP BY programme_id, branch_id, member_id HAVING SUM(d) <> 0 OR SUM(d * credited) <> 0 ORDER BY programme_id, branch_id, member_id ON CONFLICT (programme_id, branch_id, member_id) DO UPDATE SET authored = initiatives_tally_person.authored + excluded.authored, credited = initiatives_tally_person.credited + excluded.credited;\nINSERT INTO initiatives_tally_branch (programme_id, branch_id, draft, submitted, returned, branch_approved, rejected, district_verified, sent_to_province, participants, authors, version, changed) SELECT x.programme_id, x.branch_id, 0, 0, 0, 0, 0, 0, 0, SUM(CASE WHEN x.dc = 1 AND p.credited = 1 THEN 1 WHEN x.dc = -1 AND p.credited = 0 THEN -1 ELSE 0 END), SUM(CASE WHEN x.da = 1 AND p.authored = 1 THEN 1 WHEN x.da = -1 AND p.authored = 0 THEN -1 ELSE 0 END), COUNT(*), (EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::bigint FROM (SELECT programme_id, branch_id, member_id, SUM(d) AS da, SUM(d * credited) AS dc FROM (SELECT i.programme_id AS programme_id, i.branch_id AS branch_id, OLD.member_id AS member_id, CASE WHEN OLD.member_id = i.credited_author_id THEN 1 ELSE 0 END AS credited, -1 AS d FROM initiatives_initiative i WHERE i.id = OLD.initiative_id AND i.status IN ('branch_approved', 'district_verified', 'sent_to_province')) s GROUP BY programme_id, branch_id, member_id) x JOIN initiatives_tally_person p ON p.programme_id = x.programme_id AND p.branch_id = x.branch_id AND p.member_id = x.member_id WHERE true GROUP BY x.programme_id, x.branch_id ORDER BY x.programme_id, x.branch_id ON CONFLICT (programme_id, branch_id) DO UPDATE SET participants = initiatives_tally_branch.participants + excluded.participants, authors = initiatives_tally_branch.authors + excluded.authors, version = initiatives_tally_branch.version + excluded.version, changed = excluded.changed;\nINSERT INTO initiatives_tally_member (programme_id, member_id, authored, credited) SELECT programme_id, member_id, SUM(d), SUM(d * credited) FROM (SELECT i.programme_id AS programme_id, i.branch_id AS branch_id, OLD.member_id AS member_id, CASE WHEN OLD.member_id = i.credited_author_id THEN 1 ELSE 0 END AS credited, -1 AS d FROM initiatives_initiative i WHERE i.id = OLD.initiative_id AND i.status IN ('branch_approved', 'district_verified', 'sent_to_province')) x WHERE true GROUP BY programme_id, member_id HAVING SUM(d) <> 0 OR SUM(d * credited) <> 0 ORDER BY programme_id, member_id ON CONFLICT (programme_id, member_id) DO UPDATE SET authored = initiatives_tally_member.authored + excluded.authored, credited = initiatives_tally_member.credited + excluded.credited;\nEND IF;\nRETURN NULL;", hash='6a2b93b87e335169a89b7c38e09a36f0690f0123', operation='INSERT OR UPDATE OR DELETE', pgid='pgtrigger_tally_author_7fe40', table='initiatives_initiativeauthor', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='pledge',
            trigger=pgtrigger.compiler.Trigger(name='tally_pledge_bump', sql=pgtrigger.compiler.UpsertTriggerSql(func="IF current_setting('tally.bulk_load', true) = 'on' THEN RETURN NULL; END IF;\nIF TG_OP = 'INSERT' THEN\nPERFORM pg_advisory_xact_lock_shared(7406, ((NEW.programme_id) % 2147483647)::integer);\nPERFORM pg_advisory_xact_lock(7407, ((NEW.branch_id) % 2147483647)::integer);\nINSERT INTO initiatives_tally_branch (programme_id, branch_id, draft, submitted, returned, branch_approved, rejected, district_verified, sent_to_province, participants, authors, version, changed) SELECT programme_id, branch_id, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, (EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::bigint FROM (SELECT NEW.programme_id AS programme_id, NEW.branch_id AS branch_id) x WHERE true GROUP BY programme_id, branch_id ORDER BY programme_id, branch_id ON CONFLICT (programme_id, branch_id) DO UPDATE SET version = initiatives_tally_branch.version + 1, changed = excluded.changed;\nELSIF TG_OP = 'UPDATE' THEN\nPERFORM pg_advisory_xact_lock_shared(7406, ((LEAST(OLD.programme_id, NEW.programme_id)) % 2147483647)::integer);\nIF (OLD.programme_id) IS DISTINCT FROM (NEW.programme_id) THEN PERFORM pg_advisory_xact_lock_shared(7406, ((GREATEST(OLD.programme_id, NEW.programme_id)) % 2147483647)::integer); END IF;\nPERFORM pg_advisory_xact_lock(7407, ((LEAST(OLD.branch_id, NEW.branch_id)) % 2147483647)::integer);\nIF (OLD.branch_id) IS DISTINCT FROM (NEW.branch_id) THEN PERFORM pg_advisory_xact_lock(7407, ((GREATEST(OLD.branch_id, NEW.branch_id)) % 2147483647)::integer); END IF;\nINSERT INTO initiatives_tally_branch (programme_id, branch_id, draft, submitted, returned, branch_approved, rejected, district_verified, sent_to_province, participants, authors, version, changed) SELECT programme_id, branch_id, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, (EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::bigint FROM (SELECT OLD.programme_id AS programme_id, OLD.branch_id AS branch_id UNION ALL SELECT NEW.programme_id AS programme_id, NEW.branch_id AS branch_id) x WHERE true GROUP BY programme_id, branch_id ORDER BY programme_id, branch_id ON CONFLICT (programme_id, branch_id) DO UPDATE SET version = initiatives_tally_branch.version + 1, changed = excluded.changed;\nELSIF TG_OP = 'DELETE' THEN\nPERFORM pg_advisory_xact_lock_shared(7406, ((OLD.programme_id) % 2147483647)::integer);\nPERFORM pg_advisory_xact_lock(7407, ((OLD.branch_id) % 2147483647)::integer);\nINSERT INTO initiatives_tally_branch (programme_id, branch_id, draft, submitted, returned, branch_approved, rejected, district_verified, sent_to_province, participants, authors, version, changed) SELECT programme_id, branch_id, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, (EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::bigint FROM (SELECT OLD.programme_id AS programme_id, OLD.branch_id AS branch_id) x WHERE true GROUP BY programme_id, branch_id ORDER BY programme_id, branch_id ON CONFLICT (programme_id, branch_id) DO UPDATE SET version = initiatives_tally_branch.version + 1, changed = excluded.changed;\nEND IF;\nRETURN NULL;", hash='fc75f40f7f67891534b31860c2002dca5a3888fa', operation='INSERT OR UPDATE OR DELETE', pgid='pgtrigger_tally_pledge_bump_d9a90', table='initiatives_pledge', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='pledgetarget',
            trigger=pgtrigger.compiler.Trigger(name='tally_target_bump', sql=pgtrigger.compiler.UpsertTriggerSql(func="IF current_setting('tally.bulk_load', true) = 'on' THEN RETURN NULL; END IF;\nIF TG_OP = 'INSERT' THEN\nPERFORM pg_advisory_xact_lock_shared(7406, (((SELECT programme_id FROM initiatives_pledge WHERE id = NEW.pledge_id)) % 2147483647)::integer);\nPERFORM pg_advisory_xact_lock(7407, (((SELECT branch_id FROM initiatives_pledge WHERE id = NEW.pledge_id)) % 2147483647)::integer);\nINSERT INTO initiatives_tally_branch (programme_id, branch_id, draft, submitted, returned, branch_approved, rejected, district_verified, sent_to_province, participants, authors, version, changed) SELECT programme_id, branch_id, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, (EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::bigint FROM (SELECT programme_id, branch_id FROM initiatives_pledge WHERE id = NEW.pledge_id) x WHERE true GROUP BY programme_id, branch_id ORDER BY programme_id, branch_id ON CONFLICT (programme_id, branch_id) DO UPDATE SET version = initiatives_tally_branch.version + 1, changed = excluded.changed;\nELSIF TG_OP = 'UPDATE' THEN\nPERFORM pg_advisory_xact_lock_shared(7406, ((LEAST((SELECT programme_id FROM initiatives_pledge WHERE id = OLD.pledge_id), (SELECT programme_id FROM initiatives_pledge WHERE id = NEW.pledge_id))) % 2147483647)::integer);\nIF ((SELECT programme_id FROM initiatives_pledge WHERE id = OLD.pledge_id)) IS DISTINCT FROM ((SELECT programme_id FROM initiatives_pledge WHERE id = NEW.pledge_id)) THEN PERFORM pg_advisory_xact_lock_shared(7406, ((GREATEST((SELECT programme_id FROM initiatives_pledge WHERE id = OLD.pledge_id), (SELECT programme_id FROM initiatives_pledge WHERE id = NEW.pledge_id))) % 2147483647)::integer); END IF;\nPERFORM pg_advisory_xact_lock(7407, ((LEAST((SELECT branch_id FROM initiatives_pledge WHERE id = OLD.pledge_id), (SELECT branch_id FROM initiatives_pledge WHERE id = NEW.pledge_id))) % 2147483647)::integer);\nIF ((SELECT branch_id FROM initiatives_pledge WHERE id = OLD.pledge_id)) IS DISTINCT FROM ((SELECT branch_id FROM initiatives_pledge WHERE id = NEW.pledge_id)) THEN PERFORM pg_advisory_xact_lock(7407, ((GREATEST((SELECT branch_id FROM initiatives_pledge WHERE id = OLD.pledge_id), (SELECT branch_id FROM initiatives_pledge WHERE id = NEW.pledge_id))) % 2147483647)::integer); END IF;\nINSERT INTO initiatives_tally_branch (programme_id, branch_id, draft, submitted, returned, branch_approved, rejected, district_verified, sent_to_province, participants, authors, version, changed) SELECT programme_id, branch_id, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, (EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::bigint FROM (SELECT programme_id, branch_id FROM initiatives_pledge WHERE id = OLD.pledge_id UNION ALL SELECT programme_id, branch_id FROM initiatives_pledge WHERE id = NEW.pledge_id) x WHERE true GROUP BY programme_id, branch_id ORDER BY programme_id, branch_id ON CONFLICT (programme_id, branch_id) DO UPDATE SET version = initiatives_tally_branch.version + 1, changed = excluded.changed;\nELSIF TG_OP = 'DELETE' THEN\nPERFORM pg_advisory_xact_lock_shared(7406, (((SELECT programme_id FROM initiatives_pledge WHERE id = OLD.pledge_id)) % 2147483647)::integer);\nPERFORM pg_advisory_xact_lock(7407, (((SELECT branch_id FROM initiatives_pledge WHERE id = OLD.pledge_id)) % 2147483647)::integer);\nINSERT INTO initiatives_tally_branch (programme_id, branch_id, draft, submitted, returned, branch_approved, rejected, district_verified, sent_to_province, participants, authors, version, changed) SELECT programme_id, branch_id, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, (EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::bigint FROM (SELECT programme_id, branch_id FROM initiatives_pledge WHERE id = OLD.pledge_id) x WHERE true GROUP BY programme_id, branch_id ORDER BY programme_id, branch_id ON CONFLICT (programme_id, branch_id) DO UPDATE SET version = initiatives_tally_branch.version + 1, changed = excluded.changed;\nEND IF;\nRETURN NULL;", hash='8451cf65a0eae5f1bbc1bdf5f83aebf359c4e1e2', operation='INSERT OR UPDATE OR DELETE', pgid='pgtrigger_tally_target_bump_33b44', table='initiatives_pledgetarget', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='programme',
            trigger=pgtrigger.compiler.Trigger(name='tally_programme_bump', sql=pgtrigger.compiler.UpsertTriggerSql(func="IF current_setting('tally.bulk_load', true) = 'on' THEN RETURN NULL; END IF;\nIF TG_OP = 'INSERT' THEN\nINSERT INTO initiatives_tally_programme (programme_id, version, changed) VALUES (NEW.id, 1, (EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::bigint) ON CONFLICT (programme_id) DO UPDATE SET version = initiatives_tally_programme.version + 1, changed = excluded.changed;\nELSIF TG_OP = 'UPDATE' THEN\nUPDATE initiatives_tally_programme SET version = version + 1, changed = (EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::bigint;\nELSIF TG_OP = 'DELETE' THEN\nUPDATE initiatives_tally_programme SET version = version + 1, changed = (EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::bigint;\nEND IF;\nRETURN NULL;", hash='3ffd261c92bd2c880b5487425298ccaef16a9026', operation='INSERT OR UPDATE OR DELETE', pgid='pgtrigger_tally_programme_bump_143c0', table='initiatives_programme', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='programmeperiod',
            trigger=pgtrigger.compiler.Trigger(name='tally_period', sql=pgtrigger.compiler.UpsertTriggerSql(func='IF current_setting(\'tally.bulk_load\', true) = \'on\' THEN RETURN NULL; END IF;\nIF TG_OP = \'INSERT\' THEN\nPERFORM pg_advisory_xact_lock(7406, ((NEW.programme_id) % 2147483647)::integer);\nDELETE FROM initiatives_tally_cell WHERE programme_id = NEW.programme_id;\nINSERT INTO initiatives_tally_cell (programme_id, branch_id, category, status, sent_month, period, n) SELECT i.programme_id, i.branch_id, i.category, i.status, CASE WHEN (i.status = \'sent_to_province\' AND i.sent_to_province_date IS NOT NULL) THEN (EXTRACT(YEAR FROM i.sent_to_province_date)::integer * 100 + EXTRACT(MONTH FROM i.sent_to_province_date)::integer) ELSE 0 END, CASE WHEN (i.status = \'sent_to_province\' AND i.sent_to_province_date IS NOT NULL) THEN COALESCE((SELECT pp.number FROM initiatives_programmeperiod pp WHERE pp.programme_id = i.programme_id AND i.sent_to_province_date BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0) ELSE 0 END, COUNT(*) FROM initiatives_initiative i WHERE i.programme_id = NEW.programme_id GROUP BY 1, 2, 3, 4, 5, 6;\nDELETE FROM initiatives_tally_branch_sent WHERE programme_id = NEW.programme_id;\nINSERT INTO initiatives_tally_branch_sent (programme_id, branch_id, sent_quarter, period, sent, benefit) SELECT i.programme_id, i.branch_id, (EXTRACT(YEAR FROM i.sent_to_province_date)::integer * 10 + EXTRACT(QUARTER FROM i.sent_to_province_date)::integer), COALESCE((SELECT pp.number FROM initiatives_programmeperiod pp WHERE pp.programme_id = i.programme_id AND i.sent_to_province_date BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0), COUNT(*), SUM(COALESCE(i.economic_benefit_vnd, 0)) FROM initiatives_initiative i WHERE i.programme_id = NEW.programme_id AND (i.status = \'sent_to_province\' AND i.sent_to_province_date IS NOT NULL) GROUP BY 1, 2, 3, 4;\nELSIF TG_OP = \'UPDATE\' AND (OLD.programme_id IS DISTINCT FROM NEW.programme_id OR OLD.number IS DISTINCT FROM NEW.number OR OLD.start IS DISTINCT FROM NEW.start OR OLD."end" IS DISTINCT FROM NEW."end") THEN\nPERFORM pg_advisory_xact_lock(7406, ((LEAST(OLD.programme_id, NEW.programme_id)) % 2147483647)::integer);\nIF (OLD.programme_id) IS DISTINCT FROM (NEW.programme_id) THEN PERFORM pg_advisory_xact_lock(7406, ((GREATEST(OLD.programme_id, NEW.programme_id)) % 2147483647)::integer); END IF;\nDELETE FROM initiatives_tally_cell WHERE programme_id = OLD.programme_id;\nINSERT INTO initiatives_tally_cell (programme_id, branch_id, category, status, sent_month, period, n) SELECT i.programme_id, i.branch_id, i.category, i.status, CASE WHEN (i.status = \'sent_to_province\' AND i.sent_to_province_date IS NOT NULL) THEN (EXTRACT(YEAR FROM i.sent_to_province_date)::integer * 100 + EXTRACT(MONTH FROM i.sent_to_province_date)::integer) ELSE 0 END, CASE WHEN (i.status = \'sent_to_province\' AND i.sent_to_province_date IS NOT NULL) THEN COALESCE((SELECT pp.number FROM initiatives_programmeperiod pp WHERE pp.programme_id = i.programme_id AND i.sent_to_province_date BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0) ELSE 0 END, COUNT(*) FROM initiatives_initiative i WHERE i.programme_id = OLD.programme_id GROUP BY 1, 2, 3, 4, 5, 6;\nDELETE FROM initiatives_tally_branch_sent WHERE programme_id = OLD.programme_id;\nINSERT INTO initiatives_tally_branch_sent (programme_id, branch_id, sent_quarter, period, sent, benefit) SELECT i.programme_id, i.branch_id, (EXTRACT(YEAR FROM i.sent_to_province_date)::integer * 10 + EXTRACT(QUARTER FROM i.sent_to_province_date)::integer), COALESCE((SELECT pp.number FROM initiatives_programmeperiod pp WHERE pp.programme_id = i.programme_id AND i.sent_to_province_date BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0), COUNT(*), SUM(COALESCE(i.economic_benefit_vnd, 0)) FROM initiatives_initiative i WHERE i.programme_id = OLD.programme_id AND (i.status = \'sent_to_province\' AND i.sent_to_province_date IS NOT NULL) GROUP BY 1, 2, 3, 4;\nDELETE FROM initiatives_tally_cell WHERE programme_id = NEW.programme_id;\nINSERT INTO initiatives_tally_cell (programme_id, branch_id, category, status, sent_month, period, n) SELECT i.programme_id, i.branch_id, i.category, i.status, CASE WHEN (i.status = \'sent_to_province\' AND i.sent_to_province_date IS NOT NULL) THEN (EXTRACT(YEAR FROM i.sent_to_province_date)::integer * 100 + EXTRACT(MONTH FROM i.sent_to_province_date)::integer) ELSE 0 END, CASE WHEN (i.status = \'sent_to_province\' AND i.sent_to_province_date IS NOT NULL) THEN COALESCE((SELECT pp.number FROM initiatives_programmeperiod pp WHERE pp.programme_id = i.programme_id AND i.sent_to_province_date BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0) ELSE 0 END, COUNT(*) FROM initiatives_initiative i WHERE i.programme_id = NEW.programme_id GROUP BY 1, 2, 3, 4, 5, 6;\nDELETE FROM initiatives_tally_branch_sent WHERE programme_id = NEW.programme_id;\nINSERT INTO initiatives_tally_branch_sent (programme_id, branch_id, sent_quarter, period, sent, benefit) SELECT i.programme_id, i.branch_id, (EXTRACT(YEAR FROM i.sent_to_province_date)::integer * 10 + EXTRACT(QUARTER FROM i.sent_to_province_date)::integer), COALESCE((SELECT pp.number FROM initiatives_programmeperiod pp WHERE pp.programme_id = i.programme_id AND i.sent_to_province_date BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0), COUNT(*), SUM(COALESCE(i.economic_benefit_vnd, 0)) FROM initiatives_initiative i WHERE i.programme_id = NEW.programme_id AND (i.status = \'sent_to_province\' AND i.sent_to_province_date IS NOT NULL) GROUP BY 1, 2, 3, 4;\nELSIF TG_OP = \'DELETE\' THEN\nPERFORM pg_advisory_xact_lock(7406, ((OLD.programme_id) % 2147483647)::integer);\nDELETE FROM initiatives_tally_cell WHERE programme_id = OLD.programme_id;\nINSERT INTO initiatives_tally_cell (programme_id, branch_id, category, status, sent_month, period, n) SELECT i.programme_id, i.branch_id, i.category, i.status, CASE WHEN (i.status = \'sent_to_province\' AND i.sent_to_province_date IS NOT NULL) THEN (EXTRACT(YEAR FROM i.sent_to_province_date)::integer * 100 + EXTRACT(MONTH FROM i.sent_to_province_date)::integer) ELSE 0 END, CASE WHEN (i.status = \'sent_to_province\' AND i.sent_to_province_date IS NOT NULL) THEN COALESCE((SELECT pp.number FROM initiatives_programmeperiod pp WHERE pp.programme_id = i.programme_id AND i.sent_to_province_date BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0) ELSE 0 END, COUNT(*) FROM initiatives_initiative i WHERE i.programme_id = OLD.programme_id GROUP BY 1, 2, 3, 4, 5, 6;\nDELETE FROM initiatives_tally_branch_sent WHERE programme_id = OLD.programme_id;\nINSERT INTO initiatives_tally_branch_sent (programme_id, branch_id, sent_quarter, period, sent, benefit) SELECT i.programme_id, i.branch_id, (EXTRACT(YEAR FROM i.sent_to_province_date)::integer * 10 + EXTRACT(QUARTER FROM i.sent_to_province_date)::integer), COALESCE((SELECT pp.number FROM initiatives_programmeperiod pp WHERE pp.programme_id = i.programme_id AND i.sent_to_province_date BETWEEN pp.start AND pp."end" ORDER BY pp.number LIMIT 1), 0), COUNT(*), SUM(COALESCE(i.economic_benefit_vnd, 0)) FROM initiatives_initiative i WHERE i.programme_id = OLD.programme_id AND (i.status = \'sent_to_province\' AND i.sent_to_province_date IS NOT NULL) GROUP BY 1, 2, 3, 4;\nEND IF;\nRETURN NULL;', hash='29f6d540c4153b0f9d7f25a19883541e6950ac14', operation='INSERT OR UPDATE OR DELETE', pgid='pgtrigger_tally_period_30be4', table='initiatives_programmeperiod', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='programmeperiod',
            trigger=pgtrigger.compiler.Trigger(name='tally_period_bump', sql=pgtrigger.compiler.UpsertTriggerSql(func="IF current_setting('tally.bulk_load', true) = 'on' THEN RETURN NULL; END IF;\nIF TG_OP = 'INSERT' THEN\nUPDATE initiatives_tally_programme SET version = version + 1, changed = (EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::bigint;\nELSIF TG_OP = 'UPDATE' THEN\nUPDATE initiatives_tally_programme SET version = version + 1, changed = (EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::bigint;\nELSIF TG_OP = 'DELETE' THEN\nUPDATE initiatives_tally_programme SET version = version + 1, changed = (EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::bigint;\nEND IF;\nRETURN NULL;", hash='3fd977f09c455fa857f9c80419a3616b24e4f988', operation='INSERT OR UPDATE OR DELETE', pgid='pgtrigger_tally_period_bump_e221b', table='initiatives_programmeperiod', when='AFTER')),
        ),
        migrations.DeleteModel(
            name='TallyTotal',
        ),
        migrations.RunPython(install_on_sqlite_and_recount),
    ]
