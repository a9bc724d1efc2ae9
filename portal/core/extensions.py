"""Extensions, created unbound; `create_app` binds them.

Flask-Migrate is not among them: `portal.core.migrating` binds it when it is needed.
"""

from flask_babel import Babel
from flask_login import LoginManager
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect

from portal.core.database import Base

db = SQLAlchemy(model_class=Base)
csrf = CSRFProtect()
login = LoginManager()
babel = Babel()
