#!/usr/bin/env bash
# Stand-in for the gcloud CLI, used by DeployScriptTest (installed as `gcloud` first on PATH).
# It appends every call to $STUB_LOG (one line: the arguments joined by spaces) and keeps what the
# calls created in $STUB_STATE, so describe and list calls answer the way gcloud would: "not found"
# before the create call, found after it. Secret values arrive on stdin (--data-file=-) and are
# stored as files, so the test can check they arrived without ever being arguments.
# STUB_DENY=<words> makes the call starting with those words fail with PERMISSION_DENIED.
set -euo pipefail

state=${STUB_STATE:?STUB_STATE must be set}
printf '%s\n' "$*" >>"${STUB_LOG:?STUB_LOG must be set}"
mkdir -p "$state/secrets" "$state/secret-roles" "$state/service-accounts"

# value of --name=VALUE among the arguments
opt() {
  local arg
  for arg in "${ARGS[@]}"; do
    if [[ $arg == "--$1="* ]]; then
      printf '%s' "${arg#*=}"
      return 0
    fi
  done
  return 1
}

not_found() {
  printf 'ERROR: (gcloud.%s) NOT_FOUND: %s was not found.\n' "$1" "$2" >&2
  exit 1
}

ARGS=("$@")
words=()
for arg in "$@"; do
  [[ $arg == -* ]] || words+=("$arg")
done
command="${words[*]}"
project=$(opt project || true)

if [[ -n ${STUB_DENY-} && $command == "$STUB_DENY"* ]]; then
  printf 'ERROR: (gcloud) PERMISSION_DENIED: the caller does not have permission\n' >&2
  exit 1
fi

case $command in
  "services list")
    cat "$state/services" 2>/dev/null || true
    ;;
  "services enable "*)
    printf '%s\n' "${words[@]:2}" >>"$state/services"
    ;;
  "iam service-accounts describe "*)
    [[ -f "$state/service-accounts/${words[3]}" ]] || not_found iam.service-accounts.describe "${words[3]}"
    printf 'email: %s\n' "${words[3]}"
    ;;
  "iam service-accounts create "*)
    touch "$state/service-accounts/${words[3]}@$project.iam.gserviceaccount.com"
    ;;
  "projects get-iam-policy "*)
    cat "$state/project-roles" 2>/dev/null || true
    ;;
  "projects add-iam-policy-binding "*)
    opt role >>"$state/project-roles"
    printf '\n' >>"$state/project-roles"
    ;;
  "secrets describe "*)
    [[ -f "$state/secrets/${words[2]}" ]] || not_found secrets.describe "Secret ${words[2]}"
    printf 'name: projects/%s/secrets/%s\n' "$project" "${words[2]}"
    ;;
  "secrets create "*)
    [[ $(opt data-file) == - ]] || { echo "stub: expected --data-file=-" >&2; exit 2; }
    cat >"$state/secrets/${words[2]}"
    echo 1 >"$state/secrets/${words[2]}.versions"
    ;;
  "secrets versions access latest")
    secret=$(opt secret)
    [[ -f "$state/secrets/$secret" ]] || not_found secrets.versions.access "Secret $secret"
    cat "$state/secrets/$secret"
    ;;
  "secrets versions add "*)
    [[ $(opt data-file) == - ]] || { echo "stub: expected --data-file=-" >&2; exit 2; }
    cat >"$state/secrets/${words[3]}"
    echo $(($(cat "$state/secrets/${words[3]}.versions") + 1)) >"$state/secrets/${words[3]}.versions"
    ;;
  "secrets get-iam-policy "*)
    cat "$state/secret-roles/${words[2]}" 2>/dev/null || true
    ;;
  "secrets add-iam-policy-binding "*)
    opt role >>"$state/secret-roles/${words[2]}"
    printf '\n' >>"$state/secret-roles/${words[2]}"
    ;;
  "redis instances describe "*)
    [[ ${words[3]} == "${STUB_REDIS_INSTANCE:-aa-redis}" ]] || not_found redis.instances.describe "${words[3]}"
    printf '%s\t%s\n' "${STUB_REDIS_HOST:-10.1.2.3}" "${STUB_REDIS_PORT:-6378}"
    ;;
  "artifacts repositories describe "*)
    [[ -f "$state/repository-${words[3]}" ]] || not_found artifacts.repositories.describe "${words[3]}"
    ;;
  "artifacts repositories create "*)
    touch "$state/repository-${words[3]}"
    ;;
  "builds submit .")
    # run from the project root, with the config and upload filter of the repository
    [[ -f $(opt config) && -f $(opt ignore-file) && -f target/quarkus-app/quarkus-run.jar ]] ||
      { echo "stub: builds submit from the wrong directory or without the fast-jar" >&2; exit 2; }
    ;;
  "run deploy "*)
    cp "$(opt env-vars-file)" "$state/env-vars.yaml"
    touch "$state/service-${words[2]}"
    ;;
  "run services describe "*)
    [[ -f "$state/service-${words[3]}" ]] || not_found run.services.describe "${words[3]}"
    printf 'https://%s-abc123-ew.a.run.app\n' "${words[3]}"
    ;;
  *)
    printf 'stub gcloud: unexpected call: %s\n' "$*" >&2
    exit 3
    ;;
esac
