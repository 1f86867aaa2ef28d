#!/usr/bin/env bash
# Deploys the AudioHook connector to Google Cloud Run. Run it from anywhere; it works on the
# checkout it lives in. `./deploy.sh --help` explains the options; docs/deployment.md the rest.
#
# It reads the settings from .env (the keys of Google's genesyscloud-audiohook .env work unchanged),
# checks them all before touching anything, and then, each step only when needed:
#   1. enables the Google APIs it uses,
#   2. creates the service account the service runs as,
#   3. grants it its project roles,
#   4. stores API_KEY, CLIENT_SECRET (and API_KEYS, REDIS_PASSWORD if set) in Secret Manager,
#      readable by that service account only,
#   5. looks up the Memorystore host and port,
#   6. builds the image (Maven fast-jar, then Cloud Build with src/main/docker/Dockerfile.jvm),
#   7. deploys the Cloud Run service and prints the URI for Genesys.
# Running it again updates the deployment: nothing is created twice, a secret gets a new version only
# when its value changed. Secret values never appear on a command line: they go to gcloud on stdin.
set -euo pipefail

ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly ROOT_DIR

# Google APIs the deployment uses.
readonly APIS=(run.googleapis.com cloudbuild.googleapis.com artifactregistry.googleapis.com
  secretmanager.googleapis.com dialogflow.googleapis.com redis.googleapis.com vpcaccess.googleapis.com)
# Project roles of the service account. agentAssistClient is what the connector uses at run time;
# the other three are the ones Google's deploy script grants for Redis over Serverless VPC Access.
readonly DEFAULT_ROLES="roles/dialogflow.agentAssistClient roles/redis.editor roles/vpcaccess.user roles/compute.viewer"
readonly SECRET_ROLE=roles/secretmanager.secretAccessor
# The example client secret of .env.sample ("replace-with-a-random-32-byte-secret!").
readonly SAMPLE_CLIENT_SECRET=cmVwbGFjZS13aXRoLWEtcmFuZG9tLTMyLWJ5dGUtc2VjcmV0IQ==

# Settings of the service under their short names, passed on as they are when set (see docs/configuration.md).
readonly SERVICE_KEYS="PUBLISH_TO_REDIS START_PAUSED_UNTIL_JOINED REDIS_CONNECT_TIMEOUT REDIS_TIMEOUT
  REDIS_MAX_WAITING REDIS_MAX_POOL_SIZE REDIS_MAX_POOL_WAITING"
# Every key deploy.sh reads from .env. CONNECTOR_* and QUARKUS_* keys are passed on as they are.
readonly KNOWN_KEYS="GCP_PROJECT_ID CONVERSATION_PROFILE_NAME API_KEY CLIENT_SECRET API_KEYS
  ALLOWED_ORGANIZATION_IDS MAX_SESSIONS PORT SERVICE_ACCOUNT SERVICE_ACCOUNT_ROLES VOICE_INTERCEPTOR_SERVICE
  CLOUD_RUN_SERVICE_REGION SERVICE_REGION VPC_CONNECTOR_NAME REDIS_INSTANCE_ID REDISHOST REDISPORT
  REDIS_PASSWORD REDIS_TLS UI_CONNECTOR CLOUD_RUN_CONCURRENCY CLOUD_RUN_MIN_INSTANCES
  CLOUD_RUN_MAX_INSTANCES CLOUD_RUN_CPU CLOUD_RUN_MEMORY CLOUD_RUN_TIMEOUT DRAIN_GRACE
  ARTIFACT_REPOSITORY IMAGE_TAG SECRET_PREFIX $SERVICE_KEYS"

usage() {
  cat <<'EOF'
Usage: ./deploy.sh [--env-file FILE] [--dry-run] [--skip-build] [--image IMAGE] [--help]

Deploys the AudioHook connector to Cloud Run with the settings in .env (see .env.sample).

  --env-file FILE  read the settings from FILE instead of .env next to this script
  --dry-run        check the settings and print every command instead of running it
                   (secret values masked); nothing is looked up, so the plan is that of a
                   first deployment
  --skip-build     do not run ./mvnw package; use the fast-jar already in target/quarkus-app
  --image IMAGE    deploy this existing image; no Maven and no Cloud Build
  -h, --help       this text

Environment: DEPLOY_DRY_RUN=1, DEPLOY_SKIP_BUILD=1 and DEPLOY_IMAGE=<image> do the same as the
options. A setting missing from the file is taken from the environment, so CI can pass secrets
without writing them to disk; a key present in the file wins.

Steps, each only when needed: enable APIs; create the service account; grant its roles; store
API_KEY, CLIENT_SECRET (and API_KEYS, REDIS_PASSWORD) in Secret Manager; look up the Memorystore
host and port; build the image (Maven, then Cloud Build); deploy to Cloud Run.
EOF
}

# --- output ---------------------------------------------------------------------------------

info() { printf '%s\n' "$*"; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }
die() {
  printf 'ERROR: %s\n' "$*" >&2
  exit 1
}

# Secret values; any of them found in a printed command is replaced by ****.
SECRET_VALUES=()

mask() {
  local text=$1 value
  for value in ${SECRET_VALUES[@]+"${SECRET_VALUES[@]}"}; do
    [[ -n $value ]] && text=${text//"$value"/****}
  done
  printf '%s' "$text"
}

# Prints a command the way it could be pasted into a shell, with secrets masked.
show_cmd() {
  local out="" arg
  for arg in "$@"; do
    if [[ $arg =~ ^[A-Za-z0-9_./:=@,+%-]+$ ]]; then
      out+=" $arg"
    else
      out+=" '${arg//\'/\'\\\'\'}'"
    fi
  done
  mask "${out# }"
}

trace() { printf '+ %s\n' "$(show_cmd "$@")"; }

is_dry() { [[ $DRY_RUN == 1 ]]; }

# flag VALUE: 1 for 1/true/yes/on (any case), else 0.
flag() {
  case $(tr '[:upper:]' '[:lower:]' <<<"$1") in
    1 | true | yes | on) printf 1 ;;
    *) printf 0 ;;
  esac
}

# --- running commands -------------------------------------------------------------------------

# run CMD...: runs a command that changes something (prints it instead under --dry-run).
run() {
  trace "$@"
  is_dry && return 0
  "$@"
}

# run_retry CMD...: like run, retried a few times; IAM needs a moment to see a new service account.
run_retry() {
  trace "$@"
  is_dry && return 0
  local attempt=1
  until "$@"; do
    if ((attempt >= 5)); then
      die "failed 5 times: $(show_cmd "$@")"
    fi
    warn "retrying in ${RETRY_DELAY}s (IAM changes take a moment to propagate)"
    sleep "$RETRY_DELAY"
    attempt=$((attempt + 1))
  done
}

# run_stdin NAME CMD...: runs CMD with the value of the setting NAME on its standard input, so the
# value never appears in a process list. printf is a shell builtin: no process sees it as argument.
run_stdin() {
  local name=$1
  shift
  printf '+ %s < [%s, from stdin]\n' "$(show_cmd "$@")" "$name"
  is_dry && return 0
  printf '%s' "${!name}" | "$@"
}

# read_cmd VAR CMD...: runs a command that only reads and stores its output in VAR. Stops the
# deployment if the command fails. Under --dry-run it is printed and VAR is left empty.
read_cmd() {
  local __var=$1
  shift
  trace "$@"
  printf -v "$__var" '%s' ""
  is_dry && return 0
  local __out
  if ! __out=$("$@" 2>"$WORK_DIR/stderr"); then
    cat "$WORK_DIR/stderr" >&2
    die "command failed: $(show_cmd "$@")"
  fi
  printf -v "$__var" '%s' "$__out"
}

# exists CMD...: runs a describe command; 0 when the resource exists, 1 when gcloud says it is not
# found, stops on any other error (permissions, wrong project). Under --dry-run: printed, 1.
exists() {
  trace "$@"
  is_dry && return 1
  if "$@" >/dev/null 2>"$WORK_DIR/stderr"; then
    return 0
  fi
  if grep -qiE 'not.?found|does not exist|NOT_FOUND' "$WORK_DIR/stderr"; then
    return 1
  fi
  cat "$WORK_DIR/stderr" >&2
  die "command failed: $(show_cmd "$@")"
}

# --- settings -----------------------------------------------------------------------------------

is_known_key() {
  case $1 in
    CONNECTOR_* | QUARKUS_*) return 0 ;;
  esac
  local key
  for key in $KNOWN_KEYS; do
    [[ $key == "$1" ]] && return 0
  done
  return 1
}

PASSTHROUGH_KEYS=()

# Reads KEY=VALUE lines without executing anything: no command substitution, no expansion.
# Blank lines and # comments are skipped; `export ` is allowed; one pair of surrounding quotes is
# removed; an unquoted value ends at " #".
load_env_file() {
  local file=$1 line key value number=0
  while IFS= read -r line || [[ -n $line ]]; do
    number=$((number + 1))
    line=${line%$'\r'}
    line=${line#"${line%%[![:space:]]*}"}
    [[ -z $line || $line == \#* ]] && continue
    line=${line#export }
    if [[ $line != *=* ]]; then
      warn "$file:$number: not KEY=VALUE, ignored"
      continue
    fi
    key=${line%%=*}
    key=${key%"${key##*[![:space:]]}"}
    value=${line#*=}
    value=${value#"${value%%[![:space:]]*}"}
    if [[ $value =~ ^\"(.*)\"[[:space:]]*$ || $value =~ ^\'(.*)\'[[:space:]]*$ ]]; then
      value=${BASH_REMATCH[1]}
    else
      value=${value%%[[:space:]]#*}
      value=${value%"${value##*[![:space:]]}"}
    fi
    if [[ ! $key =~ ^[A-Z][A-Z0-9_]*$ ]] || ! is_known_key "$key"; then
      warn "$file:$number: unknown setting '$key' ignored"
      continue
    fi
    printf -v "$key" '%s' "$value"
    case $key in
      CONNECTOR_* | QUARKUS_*) PASSTHROUGH_KEYS+=("$key") ;;
    esac
  done <"$file"
}

MISSING=()
INVALID=()

require() {
  local key=$1 why=$2
  [[ -n ${!key-} ]] || MISSING+=("$key: $why")
}

invalid() { INVALID+=("$1"); }

check_match() {
  local key=$1 pattern=$2 expected=$3
  local value=${!key-}
  [[ -z $value || $value =~ $pattern ]] && return 0
  if [[ $value == *"{"* || $value == *"<"* ]]; then
    invalid "$key is still the placeholder '$value': expected $expected"
  else
    invalid "$key='$(mask "$value")' is not $expected"
  fi
}

check_int() {
  local key=$1 min=$2 max=$3
  local value=${!key-}
  [[ -z $value ]] && return 0
  if [[ ! $value =~ ^[0-9]+$ ]] || ((10#$value < min || 10#$value > max)); then
    invalid "$key='$value' is not a whole number from $min to $max"
  fi
}

is_base64() {
  [[ $1 =~ ^[A-Za-z0-9+/]+={0,2}$ ]] && (( ${#1} % 4 == 0 ))
}

validate() {
  local uuid='[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}'

  require GCP_PROJECT_ID "the Google Cloud project to deploy into"
  require CONVERSATION_PROFILE_NAME "the Agent Assist conversation profile, projects/<p>/locations/<l>/conversationProfiles/<id>"
  require API_KEY "the API key of the Genesys AudioHook Monitor integration"
  require CLIENT_SECRET "the base64 client secret of that integration (Cloud Run is public: the signature is the authentication)"
  require SERVICE_ACCOUNT "the service account the service runs as (name or e-mail)"
  require VOICE_INTERCEPTOR_SERVICE "the Cloud Run service name"
  require VPC_CONNECTOR_NAME "the Serverless VPC Access connector that reaches Memorystore"
  if [[ -z ${CLOUD_RUN_SERVICE_REGION-} && -z ${SERVICE_REGION-} ]]; then
    MISSING+=("CLOUD_RUN_SERVICE_REGION (or SERVICE_REGION): the region of the Cloud Run service")
  fi
  if [[ -z ${REDIS_INSTANCE_ID-} && -z ${REDISHOST-} ]]; then
    MISSING+=("REDIS_INSTANCE_ID (or REDISHOST): the Memorystore instance the UI connector uses")
  fi

  check_match GCP_PROJECT_ID '^([a-z][a-z0-9.-]*[a-z0-9]:)?[a-z][a-z0-9-]{4,28}[a-z0-9]$' "a project id (6-30 lowercase letters, digits, hyphens)"
  check_match CONVERSATION_PROFILE_NAME '^projects/[^/{}<> ]+/locations/[^/{}<> ]+/conversationProfiles/[^/{}<> ]+$' \
    "of the form projects/<project>/locations/<location>/conversationProfiles/<id>"
  check_match SERVICE_ACCOUNT '^[a-z][a-z0-9-]{4,28}[a-z0-9](@[a-z0-9.-]+\.iam\.gserviceaccount\.com)?$' \
    "a service account name (6-30 lowercase letters, digits, hyphens) or its e-mail"
  check_match VOICE_INTERCEPTOR_SERVICE '^[a-z]([-a-z0-9]{0,47}[a-z0-9])?$' "a Cloud Run service name (lowercase letters, digits, hyphens, at most 49)"
  check_match CLOUD_RUN_SERVICE_REGION '^[a-z]+-[a-z]+[0-9]+$' "a region such as europe-west1"
  check_match SERVICE_REGION '^[a-z]+-[a-z]+[0-9]+$' "a region such as europe-west1"
  check_match VPC_CONNECTOR_NAME '^([a-z][-a-z0-9]{0,23}[a-z0-9]|projects/[^/]+/locations/[^/]+/connectors/[^/]+)$' "a VPC connector name or its full resource name"
  check_match REDIS_INSTANCE_ID '^[a-z][-a-z0-9]{0,38}[a-z0-9]$' "a Memorystore instance id"
  check_match API_KEY '^[^[:space:],:]+$' "a single key without spaces, commas or colons"
  check_match ALLOWED_ORGANIZATION_IDS "^${uuid}(,${uuid})*\$" "a comma-separated list of Genesys organization ids (UUIDs, no spaces)"
  check_match REDIS_TLS '^(true|false)$' "true or false"
  check_match CLOUD_RUN_MEMORY '^[0-9]+(Mi|Gi)$' "a size such as 2Gi or 1536Mi"
  check_match CLOUD_RUN_CPU '^(1|2|4|6|8)$' "1, 2, 4, 6 or 8 (always-allocated CPU needs whole CPUs)"
  check_match DRAIN_GRACE '^[0-9]+(ms|s)?$' "a duration such as 8s or 500ms"
  check_match ARTIFACT_REPOSITORY '^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$' "an Artifact Registry repository id"
  check_match IMAGE_TAG '^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$' "a Docker tag"
  check_match SECRET_PREFIX '^[A-Za-z0-9_-]{1,200}$' "letters, digits, _ or -"
  check_int MAX_SESSIONS 1 100000
  check_int PORT 1 65535
  check_int REDISPORT 1 65535
  check_int CLOUD_RUN_CONCURRENCY 1 1000
  check_int CLOUD_RUN_MIN_INSTANCES 0 1000
  check_int CLOUD_RUN_MAX_INSTANCES 1 1000
  check_int CLOUD_RUN_TIMEOUT 1 3600

  # The example values of .env.sample must never reach production.
  if [[ ${API_KEY-} == replace-with* ]]; then
    invalid "API_KEY is still the example value of .env.sample: use the key of your Genesys integration"
  fi
  if [[ ${CLIENT_SECRET-} == "$SAMPLE_CLIENT_SECRET" ]]; then
    invalid "CLIENT_SECRET is still the example value of .env.sample: use the secret of your Genesys integration"
  fi
  if [[ -n ${CLIENT_SECRET-} ]] && ! is_base64 "$CLIENT_SECRET"; then
    invalid "CLIENT_SECRET is not standard padded base64 (copy it exactly as Genesys shows it)"
  fi
  if [[ -n ${API_KEYS-} ]]; then
    local entry position=0
    for entry in ${API_KEYS//,/ }; do
      position=$((position + 1))
      if [[ $entry == *:* ]] && ! is_base64 "${entry#*:}"; then
        invalid "API_KEYS entry #$position: the secret after ':' is not standard padded base64"
      fi
    done
  fi
  if [[ -n ${CLOUD_RUN_MAX_INSTANCES-} && -n ${CLOUD_RUN_MIN_INSTANCES-} ]] &&
    ((10#$CLOUD_RUN_MAX_INSTANCES < 10#$CLOUD_RUN_MIN_INSTANCES)); then
    invalid "CLOUD_RUN_MAX_INSTANCES ($CLOUD_RUN_MAX_INSTANCES) is below CLOUD_RUN_MIN_INSTANCES ($CLOUD_RUN_MIN_INSTANCES)"
  fi

  if ((${#MISSING[@]} > 0 || ${#INVALID[@]} > 0)); then
    local line
    if ((${#MISSING[@]} > 0)); then
      printf 'ERROR: missing required settings in %s:\n' "$ENV_FILE" >&2
      for line in "${MISSING[@]}"; do printf '  - %s\n' "$line" >&2; done
    fi
    if ((${#INVALID[@]} > 0)); then
      printf 'ERROR: invalid settings in %s:\n' "$ENV_FILE" >&2
      for line in "${INVALID[@]}"; do printf '  - %s\n' "$line" >&2; done
    fi
    printf 'See .env.sample for every setting.\n' >&2
    exit 1
  fi

  # Consistency that is allowed but probably a mistake.
  local profile_project=${CONVERSATION_PROFILE_NAME#projects/}
  profile_project=${profile_project%%/*}
  if [[ $profile_project != "$GCP_PROJECT_ID" ]]; then
    warn "the conversation profile is in project '$profile_project', the service in '$GCP_PROJECT_ID': grant roles/dialogflow.agentAssistClient in '$profile_project' yourself"
  fi
  if [[ -n ${MAX_SESSIONS-} ]] && ((10#$MAX_SESSIONS < 10#$CONCURRENCY)); then
    warn "MAX_SESSIONS ($MAX_SESSIONS) is below CLOUD_RUN_CONCURRENCY ($CONCURRENCY): Cloud Run will send calls that the instance answers with 503"
  fi
  if [[ $DRAIN =~ ^([0-9]+)s?$ ]] && ((10#${BASH_REMATCH[1]} >= 10)); then
    warn "DRAIN_GRACE=$DRAIN: Cloud Run stops an instance 10 s after SIGTERM, so waiting longer has no effect"
  fi
  if [[ -n ${UI_CONNECTOR-} ]]; then
    info "UI_CONNECTOR is not needed by this connector (it publishes to Redis directly); ignored"
  fi
}

# --- steps ------------------------------------------------------------------------------------

enable_apis() {
  info "== 1/7 Google APIs"
  local enabled api
  local missing=()
  read_cmd enabled gcloud services list --enabled --format='value(config.name)' "$PROJECT_FLAG"
  for api in "${APIS[@]}"; do
    grep -qxF "$api" <<<"$enabled" || missing+=("$api")
  done
  if ((${#missing[@]} == 0)); then
    info "all needed APIs are enabled"
  else
    run gcloud services enable "${missing[@]}" "$PROJECT_FLAG" --quiet
  fi
}

ensure_service_account() {
  info "== 2/7 service account $SA_EMAIL"
  if exists gcloud iam service-accounts describe "$SA_EMAIL" "$PROJECT_FLAG"; then
    info "service account exists"
    return
  fi
  if [[ $SA_EMAIL != *"@$GCP_PROJECT_ID.iam.gserviceaccount.com" ]]; then
    is_dry || die "service account $SA_EMAIL does not exist; it belongs to another project, create it there"
  fi
  run gcloud iam service-accounts create "$SA_NAME" \
    --display-name="AudioHook connector" \
    --description="Runs the Genesys AudioHook connector for Agent Assist on Cloud Run" \
    "$PROJECT_FLAG" --quiet
}

grant_project_roles() {
  info "== 3/7 project roles of the service account"
  local have role
  read_cmd have gcloud projects get-iam-policy "$GCP_PROJECT_ID" \
    --flatten='bindings[].members' --filter="bindings.members=\"serviceAccount:$SA_EMAIL\"" \
    --format='value(bindings.role)'
  for role in $ROLES; do
    if grep -qxF "$role" <<<"$have"; then
      info "has $role"
    else
      run_retry gcloud projects add-iam-policy-binding "$GCP_PROJECT_ID" \
        --member="serviceAccount:$SA_EMAIL" --role="$role" --condition=None --format=none --quiet
    fi
  done
}

SET_SECRETS=()

# ensure_secret SETTING: keeps the value of SETTING as the latest version of its secret.
ensure_secret() {
  local setting=$1
  local suffix
  suffix=$(tr 'A-Z_' 'a-z-' <<<"$setting")
  local secret="$SECRET_PREFIX-$suffix"
  if exists gcloud secrets describe "$secret" "$PROJECT_FLAG"; then
    local current="" readable=1
    trace gcloud secrets versions access latest --secret="$secret" "$PROJECT_FLAG"
    current=$(gcloud secrets versions access latest --secret="$secret" "$PROJECT_FLAG" 2>"$WORK_DIR/stderr") || readable=0
    if ((readable)) && [[ $current == "${!setting}" ]]; then
      info "secret $secret is up to date"
    else
      ((readable)) || warn "cannot read secret $secret (no secretAccessor role?): adding a new version"
      run_stdin "$setting" gcloud secrets versions add "$secret" --data-file=- "$PROJECT_FLAG" --quiet
    fi
  else
    run_stdin "$setting" gcloud secrets create "$secret" --replication-policy=automatic --data-file=- \
      "$PROJECT_FLAG" --quiet
  fi
  local have
  read_cmd have gcloud secrets get-iam-policy "$secret" \
    --flatten='bindings[].members' --filter="bindings.members=\"serviceAccount:$SA_EMAIL\"" \
    --format='value(bindings.role)' "$PROJECT_FLAG"
  if ! grep -qxF "$SECRET_ROLE" <<<"$have"; then
    run_retry gcloud secrets add-iam-policy-binding "$secret" \
      --member="serviceAccount:$SA_EMAIL" --role="$SECRET_ROLE" --condition=None --format=none \
      "$PROJECT_FLAG" --quiet
  fi
  # Env-var secrets are resolved when an instance starts; every deploy makes a new revision.
  SET_SECRETS+=("$setting=$secret:latest")
}

store_secrets() {
  info "== 4/7 secrets"
  local setting
  for setting in API_KEY CLIENT_SECRET API_KEYS REDIS_PASSWORD; do
    [[ -n ${!setting-} ]] && ensure_secret "$setting"
  done
  return 0
}

lookup_redis() {
  info "== 5/7 Redis"
  if [[ -z ${REDIS_INSTANCE_ID-} ]]; then
    REDIS_HOST=$REDISHOST
    REDIS_PORT=${REDISPORT:-6379}
    info "Redis from REDISHOST: $REDIS_HOST:$REDIS_PORT"
    return
  fi
  local found
  read_cmd found gcloud redis instances describe "$REDIS_INSTANCE_ID" --region="$REDIS_REGION" \
    --format='value(host,port)' "$PROJECT_FLAG"
  if is_dry; then
    REDIS_HOST="<host of $REDIS_INSTANCE_ID>"
    REDIS_PORT="<port of $REDIS_INSTANCE_ID>"
    return
  fi
  read -r REDIS_HOST REDIS_PORT <<<"$found" || true
  if [[ -z ${REDIS_HOST-} || ! ${REDIS_PORT-} =~ ^[0-9]+$ ]]; then
    die "no host and port for Memorystore instance $REDIS_INSTANCE_ID in $REDIS_REGION (got '$found')"
  fi
  info "Memorystore $REDIS_INSTANCE_ID: $REDIS_HOST:$REDIS_PORT"
}

build_image() {
  info "== 6/7 image"
  if [[ -n $IMAGE_OVERRIDE ]]; then
    IMAGE=$IMAGE_OVERRIDE
    info "deploying the given image $IMAGE; nothing is built"
    return
  fi
  if ! exists gcloud artifacts repositories describe "$REPOSITORY" --location="$REGION" "$PROJECT_FLAG"; then
    run gcloud artifacts repositories create "$REPOSITORY" --repository-format=docker \
      --location="$REGION" --description="AudioHook connector images" "$PROJECT_FLAG" --quiet
  fi
  if [[ $SKIP_BUILD == 1 ]]; then
    info "--skip-build: using the existing target/quarkus-app"
  else
    run ./mvnw -B package -DskipTests
  fi
  if ! is_dry && [[ ! -f target/quarkus-app/quarkus-run.jar ]]; then
    die "target/quarkus-app/quarkus-run.jar is missing: build it with ./mvnw -B package -DskipTests"
  fi
  # Only target/quarkus-app and src/main/docker are uploaded (src/main/docker/gcloudignore).
  run gcloud builds submit . --config=src/main/docker/cloudbuild.yaml \
    --ignore-file=src/main/docker/gcloudignore --substitutions="_IMAGE=$IMAGE" "$PROJECT_FLAG" --quiet
}

yaml_quote() { printf "'%s'" "${1//\'/\'\'}"; }

write_env_vars_file() {
  local file=$1 key
  {
    printf '# environment of %s, written by deploy.sh\n' "$SERVICE"
    printf 'GCP_PROJECT_ID: %s\n' "$(yaml_quote "$GCP_PROJECT_ID")"
    printf 'CONVERSATION_PROFILE_NAME: %s\n' "$(yaml_quote "$CONVERSATION_PROFILE_NAME")"
    printf 'REDISHOST: %s\n' "$(yaml_quote "$REDIS_HOST")"
    printf 'REDISPORT: %s\n' "$(yaml_quote "$REDIS_PORT")"
    printf 'REDIS_TLS: %s\n' "$(yaml_quote "${REDIS_TLS:-false}")"
    printf 'MAX_SESSIONS: %s\n' "$(yaml_quote "${MAX_SESSIONS:-$CONCURRENCY}")"
    [[ -n ${ALLOWED_ORGANIZATION_IDS-} ]] && printf 'ALLOWED_ORGANIZATION_IDS: %s\n' "$(yaml_quote "$ALLOWED_ORGANIZATION_IDS")"
    # Cloud Run gives an instance 10 s between SIGTERM and SIGKILL; the drain lets calls run this long.
    printf 'DRAIN_GRACE: %s\n' "$(yaml_quote "$DRAIN")"
    for key in $SERVICE_KEYS; do
      [[ -n ${!key-} ]] && printf '%s: %s\n' "$key" "$(yaml_quote "${!key}")"
    done
    for key in ${PASSTHROUGH_KEYS[@]+"${PASSTHROUGH_KEYS[@]}"}; do
      printf '%s: %s\n' "$key" "$(yaml_quote "${!key}")"
    done
  } >"$file"
}

deploy_service() {
  info "== 7/7 Cloud Run service $SERVICE in $REGION"
  local env_file="$WORK_DIR/env-vars.yaml"
  write_env_vars_file "$env_file"
  if is_dry; then
    info "contents of $env_file:"
    mask "$(sed 's/^/    /' "$env_file")"
    printf '\n'
  fi
  local secrets
  secrets=$(IFS=,; printf '%s' "${SET_SECRETS[*]}")
  local args=(gcloud run deploy "$SERVICE"
    --image="$IMAGE"
    --region="$REGION"
    --platform=managed
    --service-account="$SA_EMAIL"
    # Genesys cannot present Google IAM credentials, so the service must accept unauthenticated
    # invocations; the connector itself refuses every upgrade without a valid API key and signature.
    --allow-unauthenticated
    --ingress=all
    --port="$CONTAINER_PORT"
    # One call is one WebSocket request for its whole length: allow the longest request Cloud Run
    # has (60 min), keep CPU allocated between frames, and count concurrency in calls.
    --timeout="$TIMEOUT"
    --concurrency="$CONCURRENCY"
    --min-instances="$MIN_INSTANCES"
    --max-instances="$MAX_INSTANCES"
    --cpu="$CPU"
    --memory="$MEMORY"
    --no-cpu-throttling
    --cpu-boost
    --session-affinity
    --vpc-connector="$VPC_CONNECTOR_NAME"
    --vpc-egress=private-ranges-only
    --env-vars-file="$env_file"
    --set-secrets="$secrets"
    --startup-probe="httpGet.path=/q/health/started,initialDelaySeconds=0,timeoutSeconds=2,periodSeconds=2,failureThreshold=30"
    --liveness-probe="httpGet.path=/q/health/live,timeoutSeconds=3,periodSeconds=15,failureThreshold=3"
    "$PROJECT_FLAG"
    --quiet)
  run "${args[@]}"

  local url
  read_cmd url gcloud run services describe "$SERVICE" --region="$REGION" --format='value(status.url)' "$PROJECT_FLAG"
  local host=${url#https://}
  [[ -n $host ]] || host="<service host>"
  info ""
  info "Genesys AudioHook Monitor integration:"
  info "  Connection URI: wss://$host/audiohook/ws   (or wss://$host/connect)"
  info "  API key / client secret: the values of API_KEY and CLIENT_SECRET in $ENV_FILE"
}

# --- main ---------------------------------------------------------------------------------------

main() {
  ENV_FILE="$ROOT_DIR/.env"
  DRY_RUN=${DEPLOY_DRY_RUN:-0}
  SKIP_BUILD=${DEPLOY_SKIP_BUILD:-0}
  IMAGE_OVERRIDE=${DEPLOY_IMAGE:-}
  RETRY_DELAY=${DEPLOY_RETRY_DELAY:-5}
  while (($# > 0)); do
    case $1 in
      --env-file) (($# >= 2)) || die "--env-file needs a file"; ENV_FILE=$2; shift ;;
      --env-file=*) ENV_FILE=${1#*=} ;;
      --dry-run) DRY_RUN=1 ;;
      --skip-build) SKIP_BUILD=1 ;;
      --image) (($# >= 2)) || die "--image needs an image"; IMAGE_OVERRIDE=$2; shift ;;
      --image=*) IMAGE_OVERRIDE=${1#*=} ;;
      -h | --help) usage; exit 0 ;;
      *) usage >&2; die "unknown argument: $1" ;;
    esac
    shift
  done
  DRY_RUN=$(flag "$DRY_RUN")
  SKIP_BUILD=$(flag "$SKIP_BUILD")

  [[ -f $ENV_FILE ]] || die "settings file $ENV_FILE not found: copy .env.sample to .env and fill it in"
  load_env_file "$ENV_FILE"

  # Defaults, then validation of everything before anything runs.
  CONCURRENCY=${CLOUD_RUN_CONCURRENCY:-500}
  MIN_INSTANCES=${CLOUD_RUN_MIN_INSTANCES:-1}
  MAX_INSTANCES=${CLOUD_RUN_MAX_INSTANCES:-default}
  CPU=${CLOUD_RUN_CPU:-2}
  MEMORY=${CLOUD_RUN_MEMORY:-2Gi}
  TIMEOUT=${CLOUD_RUN_TIMEOUT:-3600}
  DRAIN=${DRAIN_GRACE:-8s}
  CONTAINER_PORT=${PORT:-8080}
  # Secret values are masked in everything printed from here on, validation messages included.
  SECRET_VALUES=("${API_KEY-}" "${CLIENT_SECRET-}" "${REDIS_PASSWORD-}" "${API_KEYS-}")
  local entry keys=${API_KEYS-}
  for entry in ${keys//,/ }; do
    SECRET_VALUES+=("$entry" "${entry#*:}")
  done
  validate
  PROJECT_FLAG="--project=$GCP_PROJECT_ID"

  REGION=${CLOUD_RUN_SERVICE_REGION:-$SERVICE_REGION}
  REDIS_REGION=${SERVICE_REGION:-$REGION}
  SERVICE=$VOICE_INTERCEPTOR_SERVICE
  SECRET_PREFIX=${SECRET_PREFIX:-$SERVICE}
  REPOSITORY=${ARTIFACT_REPOSITORY:-audiohook}
  ROLES=${SERVICE_ACCOUNT_ROLES:-$DEFAULT_ROLES}
  if [[ $SERVICE_ACCOUNT == *@* ]]; then
    SA_EMAIL=$SERVICE_ACCOUNT
    SA_NAME=${SERVICE_ACCOUNT%%@*}
  else
    SA_NAME=$SERVICE_ACCOUNT
    SA_EMAIL="$SERVICE_ACCOUNT@$GCP_PROJECT_ID.iam.gserviceaccount.com"
  fi
  if [[ -z ${IMAGE_TAG-} ]]; then
    IMAGE_TAG=$(date -u +%Y%m%d-%H%M%S)
    local commit
    if commit=$(git -C "$ROOT_DIR" rev-parse --short HEAD 2>/dev/null); then
      IMAGE_TAG="$IMAGE_TAG-$commit"
    fi
  fi
  IMAGE="$REGION-docker.pkg.dev/$GCP_PROJECT_ID/$REPOSITORY/$SERVICE:$IMAGE_TAG"

  if ! is_dry && ! command -v gcloud >/dev/null 2>&1; then
    die "gcloud not found: install the Google Cloud CLI (https://cloud.google.com/sdk/docs/install)"
  fi
  WORK_DIR=$(mktemp -d)
  trap 'rm -rf "$WORK_DIR"' EXIT
  cd "$ROOT_DIR"

  if is_dry; then
    info "dry run: nothing is run; the commands of a first deployment follow (secrets masked)"
  fi
  info "deploying $SERVICE to project $GCP_PROJECT_ID, region $REGION"
  enable_apis
  ensure_service_account
  grant_project_roles
  store_secrets
  lookup_redis
  build_image
  deploy_service
}

main "$@"
