"""Articles: import (checked, analysed, stored with their lesson in one transaction), the
reading view, teachers' corrections, seeds. See docs/architecture.md, "Articles and lessons"."""
