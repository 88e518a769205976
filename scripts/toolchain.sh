# Sourced by the scripts that run the go command: the Go release the Makefile
# pins (see GOTOOLCHAIN there), unless the caller chose one.
export GOTOOLCHAIN="${GOTOOLCHAIN:-go1.27.3}"
if [ "$GOTOOLCHAIN" = local ] || [ "$GOTOOLCHAIN" = auto ]; then
  export GOTOOLCHAIN=go1.27.3
fi
