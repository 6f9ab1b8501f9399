// oneDNN and OpenBLAS, as Debian builds them, thread with OpenMP and size their parallel
// regions from the calling thread's OpenMP setting (oneDNN also fixes a primitive's thread
// count when the primitive is made). The fast engine instead calls them from its own parallel
// loops (thread_pool.hpp), one single-threaded call per task, so that no OpenMP region waits
// at a barrier for a descheduled thread. This scope makes the calling thread's library calls
// single-threaded and restores its setting afterwards.
#pragma once

#include <omp.h>

namespace tconv::fast {

class SingleThreadedLibraries {
 public:
  SingleThreadedLibraries() : saved_(omp_get_max_threads()) { omp_set_num_threads(1); }
  ~SingleThreadedLibraries() { omp_set_num_threads(saved_); }
  SingleThreadedLibraries(const SingleThreadedLibraries&) = delete;
  SingleThreadedLibraries& operator=(const SingleThreadedLibraries&) = delete;

 private:
  int saved_;
};

}  // namespace tconv::fast
