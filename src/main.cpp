// The cove binary: server, data tools and CI client in one executable (see `cove help`).
#include "app/cli.hpp"

int main(int argc, char** argv) { return cove::app::run_cli(argc, argv); }
