# Bio Map API image. Runs as a non-root user; the database is an external PostgreSQL
# (BIOMAP_DATABASE_URL), migrated by `biomap db migrate` before the app starts (see compose.yaml).
FROM python:3.12-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY biomap ./biomap
RUN pip wheel --no-cache-dir --wheel-dir /wheels .

FROM python:3.12-slim
RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin biomap
WORKDIR /app
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/*.whl && rm -rf /wheels
COPY seeds ./seeds
COPY graphql ./graphql
COPY search ./search
ENV BIOMAP_ENVIRONMENT=production \
    BIOMAP_SEARCH_DIR=/app/search \
    BIOMAP_HOST=0.0.0.0 \
    BIOMAP_PORT=8000 \
    BIOMAP_WORKERS=2 \
    BIOMAP_SEEDS_DIR=/app/seeds \
    PYTHONUNBUFFERED=1
USER biomap
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD python -c "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2).status != 200)"
CMD ["biomap", "serve"]
