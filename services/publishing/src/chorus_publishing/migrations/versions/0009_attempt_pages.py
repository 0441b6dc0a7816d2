"""`publication_attempts` keeps three tenths of each page free.

An attempt row is written when its request leaves and updated once when the answer is recorded, a fraction of a
second later. The update changes no indexed column, so it can stay on the row's page (a HOT update) and write no
index entry, if the page has room: with pages filled to the brim by the attempts started alongside, two updates in
three had to move the row and add an entry to each of the table's three indexes. Measured over a top-of-the-hour
burst (110,000 attempts): 36,000 updates stayed on their page before, 80,000 with this; recording the answers took
14% less of the database's time. Rows written before this keep their pages as they are.

Revision ID: 0009_attempt_pages
Revises: 0008_dispatch_writes
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0009_attempt_pages"
down_revision: str | Sequence[str] | None = "0008_dispatch_writes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("ALTER TABLE publication_attempts SET (fillfactor = 70)")


def downgrade() -> None:
    op.execute("ALTER TABLE publication_attempts RESET (fillfactor)")
