"""ZGC Desk: IP portfolio docketing and subsidy claims for Zhongguancun firms."""

__version__ = "0.1.0"
APP_NAME = "ZGCDesk"
APP_AUTHOR = "ZGCDesk"
