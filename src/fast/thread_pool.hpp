// The fast engine's parallel loops: a parallel-for that does not wait for threads, only for
// work. Made for machines that are doing something else too.
//
// parallel_for(count, threads, body) splits [0, count) into chunks of consecutive indices and
// runs body(begin, end, worker) on each. The calling thread takes chunks too, from the same
// atomic counter as up to threads - 1 pool workers; the call returns when every chunk is done.
// A worker that the scheduler has not run yet simply never claims a chunk, so the call costs
// at most the caller doing all the work alone, never a time slice spent waiting for a parked
// thread at a barrier (as an OpenMP region does when one of its threads is descheduled). Only a
// worker preempted in the middle of a chunk is waited for, which small chunks keep rare.
//
// Chunk boundaries depend on count and grain only, never on the thread count or on which
// thread runs a chunk, so a body whose result per index does not depend on the chunking gives
// bit-identical results for any number of threads.
//
// One process-wide pool; its workers are started on first use and sleep after about 0.1 ms
// without work. A call made while another call is running (from a chunk, or from a second
// thread) runs all of its chunks on its calling thread.
#pragma once

#include <cstdint>
#include <type_traits>

namespace tconv::fast {

// body(begin, end, worker) for a chunk [begin, end); worker is 0 for the calling thread and
// 1..threads-1 for pool workers, so per-worker scratch can be indexed by it.
using ChunkFunction = void (*)(void* context, int64_t begin, int64_t end, int worker);

// Runs `function` on [0, count) in chunks of `grain` indices (the last may be shorter) with
// the caller and up to threads - 1 workers. count >= 0, grain >= 1, threads >= 1. The body
// must not throw. Returns when all chunks are done.
void parallel_chunks(int64_t count, int64_t grain, int threads, ChunkFunction function, void* context);

// The same for any callable body(begin, end, worker).
template <typename Body>
void parallel_for(int64_t count, int64_t grain, int threads, Body&& body) {
  parallel_chunks(
      count, grain, threads,
      [](void* context, int64_t begin, int64_t end, int worker) {
        (*static_cast<std::remove_reference_t<Body>*>(context))(begin, end, worker);
      },
      const_cast<void*>(static_cast<const void*>(&body)));
}

}  // namespace tconv::fast
