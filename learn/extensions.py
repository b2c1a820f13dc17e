"""Flask extensions, created unbound and initialised by the application factory."""

from flask_compress import Compress
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect

from learn.models.base import Base

db = SQLAlchemy(model_class=Base)
migrate = Migrate(render_as_batch=True)  # SQLite needs batch mode to alter tables
csrf = CSRFProtect()
compress = Compress()  # brotli/gzip responses; set up by learn.core.compression
