# After `tconv animate --figure 1 -O f1`: the manifest lists the 4 frames, 1 s each, the last
# held kLastFrameHold = 3 times as long (3 s), looping.
file(READ ${WORKDIR}/f1/frames.json manifest)
string(JSON count GET "${manifest}" frame_count)
string(JSON file2 GET "${manifest}" frames 2 file)
string(JSON duration GET "${manifest}" frames 2 duration_ms)
string(JSON loop GET "${manifest}" loop)
if(NOT count EQUAL 4 OR NOT file2 STREQUAL "frame_002.png" OR NOT duration EQUAL 1000 OR NOT loop EQUAL 0)
  fail("frames.json: count ${count}, frame 2 ${file2} ${duration} ms, loop ${loop}")
endif()
string(JSON last GET "${manifest}" frames 3 duration_ms)
string(JSON total GET "${manifest}" total_duration_ms)
if(NOT last EQUAL 3000 OR NOT total EQUAL 6000)  # 1000 + 1000 + 1000 + 3000
  fail("frames.json: the last frame shows ${last} ms (expected 3000), in all ${total} ms (expected 6000)")
endif()
file(READ ${WORKDIR}/f1/frame_000.png signature LIMIT 4 HEX)
if(NOT signature STREQUAL "89504e47")
  fail("frame_000.png is not a PNG: ${signature}")
endif()
