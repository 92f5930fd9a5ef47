# govkg with its pkuseg model, for the Dask scheduler and workers of docker-compose.yml
# (and for running govkg itself in a container). Not built on the development machines,
# which have no Docker engine: see README "A Dask cluster".
FROM python:3.11-slim
WORKDIR /opt/govkg
RUN pip install --no-cache-dir numpy cython wheel
COPY pyproject.toml README.md ./
COPY govkg ./govkg
RUN pip install --no-cache-dir . && python -m govkg.extract.models fetch /opt/govkg/pkuseg
ENV GOVKG_PKUSEG_MODEL=/opt/govkg/pkuseg
