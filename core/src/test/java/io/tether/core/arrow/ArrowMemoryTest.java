package io.tether.core.arrow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.Test;

class ArrowMemoryTest {

  @Test
  void stagesThatGiveEverythingBackCloseCleanly() {
    try (ArrowMemory memory = ArrowMemory.open(ProcessRole.DRIVER)) {
      try (BufferAllocator a = memory.stage("decode");
          BufferAllocator b = memory.stage("encode")) {
        try (ArrowBuf buf = a.buffer(1024)) {
          assertEquals(1024, memory.allocatedBytes());
          b.buffer(64).close();
        }
        assertEquals("driver/decode", a.getName());
      }
      assertEquals(0, memory.allocatedBytes());
    }
  }

  @Test
  void aStageClosedWithABufferStillHeldFailsNamingRoleAndStage() {
    ArrowMemory memory = ArrowMemory.open(ProcessRole.EXECUTOR);
    BufferAllocator stage = memory.stage("rollout-task");
    stage.buffer(256);
    IllegalStateException e = assertThrows(IllegalStateException.class, stage::close);
    assertTrue(e.getMessage().contains("Memory was leaked"), e.getMessage());
    assertTrue(e.getMessage().contains("executor/rollout-task"), e.getMessage());
    // the leaked bytes stay counted against the role, so its close fails too
    assertThrows(IllegalStateException.class, memory::close);
  }

  @Test
  void theRoleClosedWithAStageStillOpenFailsNamingIt() {
    ArrowMemory memory = ArrowMemory.open(ProcessRole.REWARD_SERVICE);
    BufferAllocator stage = memory.stage("flight");
    ArrowBuf held = stage.buffer(128);
    IllegalStateException e = assertThrows(IllegalStateException.class, memory::close);
    assertTrue(e.getMessage().startsWith("REWARD_SERVICE Arrow memory closed with 128 bytes"),
        e.getMessage());
    assertTrue(e.getMessage().contains("reward_service/flight"), e.getMessage());
    held.close();
    stage.close();
    memory.close();
  }

  @Test
  void theExecutorsMemoryIsOnePerJvm() {
    assertTrue(ArrowMemory.executor() == ArrowMemory.executor());
    assertEquals(ProcessRole.EXECUTOR, ArrowMemory.executor().role());
  }
}
