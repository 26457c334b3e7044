"""The model contract shared by training, serving and monitoring."""

from models.errors import ProfilingError
from models.features import FeatureSpec
from models.policy import FollowUpLevel, PolicyConfig
from models.risk_model import RiskModel
from models.schema import JobseekerProfile

__all__ = ["FeatureSpec", "FollowUpLevel", "JobseekerProfile", "PolicyConfig", "ProfilingError", "RiskModel"]
