package io.tether.core.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import org.junit.jupiter.api.Test;

class TorchScriptTest {
  private static final String AFFINE = String.join("\n",
      "class Affine(Module):",
      "  __parameters__ = []",
      "  __buffers__ = []",
      "  training : bool",
      "  def forward(self: __torch__.Affine, x: Tensor, scale: float, shift: int) -> Tensor:",
      "    return torch.add(torch.mul(x, scale), shift)",
      "");

  @Test
  void compiledSourceRunsWithTensorAndScalarArguments() {
    try (NDManager m = DjlRuntime.engine().newBaseManager()) {
      PtSymbolBlock block = TorchScript.compile(m, "Affine", AFFINE);
      PtNDArray x = (PtNDArray) m.create(new float[] {1f, -2f, 0.5f});
      try (IValue in = IValue.from(x);
          IValue scale = IValue.from(3.0);
          IValue shift = IValue.from(1L);
          IValue out = block.forward(in, scale, shift)) {
        assertArrayEquals(new float[] {4f, -5f, 2.5f},
            out.toTensor((PtNDManager) m).toFloatArray(), 0f);
      }
    }
  }

  @Test
  void sourceThatDoesNotCompileNamesTheClassAndTheReason() {
    String broken = AFFINE.replace("torch.mul(x, scale)", "torch.mul(x, undefined_name)");
    try (NDManager m = DjlRuntime.engine().newBaseManager()) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> TorchScript.compile(m, "Affine", broken));
      assertTrue(e.getMessage().startsWith("TorchScript class Affine does not compile"),
          e.getMessage());
      assertTrue(e.getMessage().contains("undefined_name"), e.getMessage());
    }
  }

  @Test
  void aClassNameThatIsNoIdentifierIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> TorchScript.archive("a.b", AFFINE));
  }
}
