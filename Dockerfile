# The service image: built in one stage, run from a slim one without build tools, as a non-root user.
# Model and database locations come from the environment (see README "Production").
# Both stages on the same pinned Debian release: the virtual environment links to the base image's Python, and the
# OpenMP runtime's version pin below is Debian 12's (the unpinned python:3.11-slim tag moved to Debian 13).

FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
RUN python -m venv /opt/venv && /opt/venv/bin/pip install --no-cache-dir "uv==0.13.*"
COPY pyproject.toml README.md ./
COPY models models
COPY training training
COPY monitoring monitoring
COPY service service
RUN /opt/venv/bin/uv pip install --python /opt/venv/bin/python --compile-bytecode --no-cache . \
    && /opt/venv/bin/pip uninstall --yes uv

FROM python:3.11-slim-bookworm
# LightGBM needs the OpenMP runtime.
RUN apt-get update \
    && apt-get install --yes --no-install-recommends libgomp1=12.* \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --gid 10001 profiling \
    && useradd --create-home --uid 10001 --gid 10001 profiling \
    && mkdir /data && chown 10001:10001 /data
COPY --from=build /opt/venv /opt/venv
COPY --chmod=0755 docker/entrypoint.sh /usr/local/bin/entrypoint
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PROFILING_DATA_DIR=/data \
    PROFILING_ENVIRONMENT=production \
    PORT=8000 \
    WORKERS=2
# numeric, so that a runtime can check it is not root (Kubernetes: runAsNonRoot)
USER 10001:10001
WORKDIR /data
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen(f'http://127.0.0.1:{os.environ[\"PORT\"]}/readyz', timeout=4)"]
ENTRYPOINT ["entrypoint"]
CMD ["serve"]
