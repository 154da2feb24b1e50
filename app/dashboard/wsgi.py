"""WSGI entry point for gunicorn (`-w 2 --threads 4`): 'defense_timeline.dashboard.wsgi:server'.

Served files come from DEFENSE_TIMELINE_FILES (os.pathsep-separated files or folders);
default: the bundled timelines. DEFENSE_TIMELINE_LIVE_RELOAD=0 or 1 turns live reload off or on.
Uploads are kept in DEFENSE_TIMELINE_STORE (default: a per-user cache folder; "off": none), at most
DEFENSE_TIMELINE_STORE_MB megabytes in all.
"""

from __future__ import annotations

import gc

from defense_timeline.dashboard import create_app, paths_from_env
from defense_timeline.dashboard.serving import reload_from_env
from defense_timeline.dashboard.store import folder_from_env, quota_from_env

application = create_app(paths_from_env(), reload_from_env(), folder_from_env(), quota_from_env())
server = application.server
# Everything made so far (modules, the app) lives as long as the worker: kept out of the garbage
# collector's full passes, which then pause every request thread for a fraction of the time.
gc.freeze()
