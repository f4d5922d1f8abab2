"""An optional learned layer: TF-IDF + logistic regression from event text to sub-event type.

Trained by ``strife train EXPORT.csv`` on ACLED notes and saved in ``settings.models_dir``; nothing
is shipped.  The rules stay in charge: the model is only asked when the rules found an event and
their choice is ambiguous (a generic trigger), and then only a confident prediction of the same
event family replaces it.
"""

from __future__ import annotations

import pickle
from pathlib import Path

from ..errors import ConfigError
from ..settings import Settings

__all__ = ["MODEL_FILE", "AMBIGUOUS", "MIN_PROBA", "train_model", "save_model", "load_model", "LearnedTyper"]

MODEL_FILE = "subevent-tfidf-lr.pkl"
# A prediction below this probability leaves the rules' choice alone (picked on the held-out
# Afghanistan file after training on the world file: above it, predictions agreed with the gold
# sub-type far more often than the generic-trigger rules did).
MIN_PROBA = 0.6
# The sub-types the rules' generic violence triggers leave open ("attacked", "killed"): who the
# target was decides, and wording carries that better than our cue lists.
AMBIGUOUS = frozenset({"Armed clash", "Attack", "Mob violence"})


class LearnedTyper:
    def __init__(self, pipeline):
        self.pipeline = pipeline

    def predict(self, text: str) -> tuple[str, float]:
        proba = self.pipeline.predict_proba([text])[0]
        i = int(proba.argmax())
        return str(self.pipeline.classes_[i]), float(proba[i])


def train_model(texts: list[str], labels: list[str]):
    try:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline
    except ImportError as exc:
        raise ConfigError("scikit-learn is not installed", code="K101", hint="pip install 'strife[learn]'") from exc
    pipe = make_pipeline(TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True),
                         LogisticRegression(max_iter=2000, C=5.0))
    pipe.fit(texts, labels)
    return pipe


def model_path(settings: Settings) -> Path:
    return settings.models_dir / MODEL_FILE


def save_model(pipe, settings: Settings) -> Path:
    path = model_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        pickle.dump(pipe, fh)
    return path


def load_model(settings: Settings) -> LearnedTyper | None:
    path = model_path(settings)
    if not path.exists():
        return None
    try:
        with path.open("rb") as fh:
            return LearnedTyper(pickle.load(fh))
    except Exception as exc:  # noqa: BLE001 - a stale or foreign pickle must not stop coding
        raise ConfigError(f"the learned model {path} is unreadable: {exc}", code="K101",
                          hint="run `strife train EXPORT.csv` again or delete the file") from exc
