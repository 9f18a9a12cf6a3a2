package io.tether.deploy;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tether.core.djl.GradMode;
import io.tether.core.model.GptModel;
import io.tether.core.model.ModelInputs;
import io.tether.core.model.TokenBatch;
import io.tether.core.tokenizer.Tokenizer;
import java.util.List;

/**
 * Tether's next-token log-probabilities of a few texts (BOS first, unpadded), as the JSON that
 * {@code deploy/gpu/hf_parity.py} compares with {@code transformers}.
 */
final class ParityLogprobs {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ParityLogprobs() {}

  static String json(GptModel model, Tokenizer tok, List<String> texts) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode seqs = root.putArray("sequences");
    ArrayNode lps = root.putArray("logprobs");
    for (String text : texts) {
      int[] body = tok.encode(text);
      int n = Math.min(body.length + 1, model.spec().contextLength());
      int[] seq = new int[n];
      seq[0] = tok.bos();
      System.arraycopy(body, 0, seq, 1, n - 1);
      ArrayNode s = seqs.addArray();
      for (int id : seq) {
        s.add(id);
      }
      ArrayNode lp = lps.addArray();
      for (double v : logprobs(model, seq)) {
        lp.add(v);
      }
    }
    return root.toPrettyString() + "\n";
  }

  /** log p(seq[i + 1] | seq[0..i]) for every i. */
  static double[] logprobs(GptModel model, int[] seq) {
    int v = model.spec().vocabSize();
    float[] logits;
    try (GradMode g = GradMode.off();
        NDManager nd = model.manager().newSubManager()) {
      logits = model.logits(model.hidden(ModelInputs.of(nd,
          TokenBatch.rightPadded(List.of(seq), 0), model.dtype()))).toFloatArray();
    }
    double[] out = new double[seq.length - 1];
    for (int i = 0; i + 1 < seq.length; i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < v; k++) {
        max = Math.max(max, logits[i * v + k]);
      }
      double sum = 0;
      for (int k = 0; k < v; k++) {
        sum += Math.exp(logits[i * v + k] - max);
      }
      out[i] = logits[i * v + seq[i + 1]] - max - Math.log(sum);
    }
    return out;
  }
}
