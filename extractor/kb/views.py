"""The KB's views: the questions a KB user asks most, as SQL that SQLite and PostgreSQL share.

- ``officials``: each person entity with each title seen for them (and the organisation entity
  inside the title), the first and last publication date it was seen on, in how many articles;
- ``metric_series``: each metric with its article's publication date, for a measure's series.
"""
from __future__ import annotations

VIEWS: dict[str, str] = {
    "officials": (
        "SELECT pe.entity_id AS person_id, p.name AS person, r.title AS title, oe.entity_id AS organization_id, "
        "o.name AS organization, MIN(a.published) AS first_seen, MAX(a.published) AS last_seen, "
        "COUNT(DISTINCT r.article_id) AS articles "
        "FROM roles r JOIN articles a ON a.article_id = r.article_id "
        "JOIN article_entities pe ON pe.article_id = r.article_id AND pe.local_id = r.person_local "
        "LEFT JOIN entities p ON p.entity_id = pe.entity_id "
        "LEFT JOIN article_entities oe ON oe.article_id = r.article_id AND oe.local_id = r.organization_local "
        "LEFT JOIN entities o ON o.entity_id = oe.entity_id "
        "GROUP BY pe.entity_id, p.name, r.title, oe.entity_id, o.name"),
    "metric_series": (
        "SELECT m.name AS measure, m.scope AS scope, m.value AS value, m.previous AS previous, m.unit AS unit, "
        "a.published AS date, m.article_id AS article_id, m.ev_text AS evidence "
        "FROM metrics m JOIN articles a ON a.article_id = m.article_id"),
}
