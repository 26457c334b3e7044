"""The one settings object of the service, read from environment variables (documented defaults in the README).

Secrets (``PROFILING_TOKEN_SECRET``, ``PROFILING_PERSON_KEY``) have no defaults in the repository; nor has the key that
signs published heads of the chain (``PROFILING_HEAD_SIGNING_KEY``, never generated). In development
they are generated once into the data directory; outside development they must be set and must not be placeholders.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from pydantic import AliasChoices, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from models import config as paths
from models.errors import ConfigurationError
from models.gates import GateLimits, gate_limits
from monitoring.records.head import verification_key
from monitoring.records.kinds import MIN_JUSTIFICATION

_PLACEHOLDERS = {"", "changeme", "secret", "change-me", "dev", "test"}
BLIND_FIRST_VALUES = "must be off, on, or a comma-separated list of 4-digit office numbers"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PROFILING_", extra="ignore", populate_by_name=True)

    environment: Literal["development", "production"] = "development"
    data_dir: Path = Field(default_factory=paths.data_dir)
    database_url: str = ""
    tracking_uri: str = Field(
        default="", validation_alias=AliasChoices("MLFLOW_TRACKING_URI", "PROFILING_TRACKING_URI")
    )
    model_name: str = paths.DEFAULT_MODEL_NAME
    token_secret: SecretStr | None = None
    person_key: SecretStr | None = None
    oidc_jwks_url: str = ""
    oidc_issuer: str = ""
    oidc_audience: str = ""
    token_ttl_minutes: int = Field(default=480, ge=1)
    champion_poll_seconds: float = Field(default=30.0, gt=0)
    max_body_bytes: int = Field(default=64 * 1024, ge=1024)
    rate_limit_per_minute: int = Field(default=0, ge=0, description="Requests per token per minute; 0 = no limit.")
    log_level: str = "INFO"
    assessment_threads: int = Field(
        default=0, ge=0, description="Threads per process that assess and record; 0 = by database."
    )
    min_justification_chars: int = Field(
        default=MIN_JUSTIFICATION,
        ge=1,
        description="Fewest characters (after trimming) of an override's justification, a return's or a review's.",
    )
    blind_first: str = Field(
        default="off",
        description="Blind-first mode: off, on (every office), or a comma-separated list of 4-digit offices.",
    )
    gates: GateLimits = Field(
        default_factory=GateLimits, description="Promotion gate limits, from the PROFILING_GATE_* variables."
    )
    head_public_key: str = Field(
        default="", description="Checks published heads given to /v1/audit/verify (path, PEM or base64); optional."
    )
    head_signing_key: SecretStr | None = Field(
        default=None, description="Signs published heads (python -m monitoring head); here only for its public half."
    )

    @model_validator(mode="after")
    def _resolve(self) -> Settings:
        self.data_dir = self.data_dir.resolve()
        if not self.database_url:
            self.database_url = paths.database_url(self.data_dir)
        if not self.tracking_uri:
            self.tracking_uri = paths.tracking_uri(self.data_dir)
        try:
            self.gates = gate_limits()
        except ConfigurationError as exc:
            raise ValueError(str(exc)) from exc
        self.blind_first = self.blind_first.strip().lower()
        if self.blind_first not in ("off", "on") and not all(
            len(office) == 4 and office.isdigit() for office in self.blind_offices
        ):
            raise ValueError(BLIND_FIRST_VALUES)
        if not self.assessment_threads:  # SQLite takes one writer at a time anyway; PostgreSQL overlaps round trips
            self.assessment_threads = 1 if self.database_url.startswith("sqlite") else 2
        try:
            self.head_verification_key()
        except ConfigurationError as exc:
            raise ValueError(str(exc)) from exc
        if self.environment == "production":
            for name in ("token_secret", "person_key"):
                value = getattr(self, name)
                if value is None or value.get_secret_value().lower() in _PLACEHOLDERS:
                    raise ValueError(f"PROFILING_{name.upper()} must be set to a real secret in production")
        return self

    @property
    def blind_offices(self) -> frozenset[str]:
        """The offices of a list in ``blind_first`` (empty for off and on)."""
        if self.blind_first in ("off", "on"):
            return frozenset()
        return frozenset(office.strip() for office in self.blind_first.split(","))

    def blind_first_at(self, office: str) -> bool:
        """Whether an assessment at ``office`` withholds the suggestion until a provisional level is recorded."""
        return self.blind_first == "on" or office in self.blind_offices

    @property
    def model_cache_dir(self) -> Path:
        return paths.model_cache_dir(self.data_dir)

    def head_verification_key(self) -> Ed25519PublicKey | None:
        """The key that checks a published head's signature: the public key, else the signing key's, else none."""
        private = self.head_signing_key.get_secret_value() if self.head_signing_key else None
        return verification_key(public=self.head_public_key or None, private=private)

    def secret(self, name: Literal["token_secret", "person_key"]) -> bytes:
        """The secret from the environment, or (development only) one generated once into the data directory."""
        value = getattr(self, name)
        if value is not None:
            return str(value.get_secret_value()).encode()
        return paths.local_secret(self.data_dir, name)


@lru_cache
def get_settings() -> Settings:
    return Settings()
