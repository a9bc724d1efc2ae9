"""merge the rooms' branches into one history

The intake, workspace, printing, photos and goodwill schemas were added side
by side on top of the initial schema; this revision joins them so `portal db
upgrade` (to "head") and later revisions have a single line to follow.

Revision ID: 0007_merge_rooms
Revises: 0002_intake, 0003_workspace, 0004_printing, 0005_photos, 0006_goodwill
"""

revision = "0007_merge_rooms"
down_revision = ("0002_intake", "0003_workspace", "0004_printing", "0005_photos", "0006_goodwill")
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
