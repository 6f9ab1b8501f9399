#include "cli/app.hpp"

int main(int argc, char** argv) { return tconv::run_cli(argc, argv); }
