/**
 * Infrastructure as code: a connector's managed policies, and the role they are attached to, as a Terraform JSON
 * configuration ({@link dev.leastpriv.policies.iac.TerraformTemplate}) or a CloudFormation template
 * ({@link dev.leastpriv.policies.iac.CloudFormationTemplate}). The policy documents inside are the documents
 * {@link dev.leastpriv.core.Policy#toJson()} writes.
 *
 * <p>Start with {@link dev.leastpriv.policies.iac.IamResources}.
 */
@NullMarked
@CheckReturnValue
package dev.leastpriv.policies.iac;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
